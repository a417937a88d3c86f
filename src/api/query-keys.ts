/** Every query key of the app, in one place. */
export const queryKeys = {
  jobs: ['jobs'] as const,
  job: (id: string) => ['jobs', 'one', id] as const,
  activeJobs: ['jobs', 'active'] as const,
  jobPoll: (id: string) => ['job-poll', id] as const,
  proxy: ['proxy-available'] as const,
};
