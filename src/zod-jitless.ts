// Imported first by main.tsx, before any module that parses at load time: zod compiles no
// validators with eval, which the Content-Security-Policy forbids ('unsafe-eval').
import { z } from 'zod';

z.config({ jitless: true });
