/**
 * The values every target shares. Labels are the shared names; the hint under
 * each says what each target's endpoint accepts (from its schema), and the
 * mapping table shows the exact name and value it will get.
 */
import { useId, useMemo } from 'react';
import type { ComponentType } from 'react';
import { FieldShell, inputClass } from '../../components/ui/field-shell';
import { knownSchedulers, rangeHint } from './range-hints';
import { MAX_ORIGINAL_SIDE } from '../../lib/inpaint/size-rules';
import type { SharedForm, SharedKey } from '../../providers/mapping/shared-params';

/**
 * The image editor (the canvas feature), handed in by the app: features do not
 * import each other, they meet in src/app.
 */
export type ImageEditor = ComponentType<{
  initImage: string | undefined;
  onInitImageChange(value: string | undefined): void;
  maskEnabled: boolean;
  onMaskChange(mask: string | undefined): void;
  maxSide: number;
  multipleOf: number;
}>;

type TextKey = keyof SharedForm;

const FIELDS: Array<{ key: TextKey; label: string; description: string; type: 'text' | 'textarea' | 'number'; step?: number; placeholder?: string }> = [
  { key: 'prompt', label: 'Prompt', description: 'Sent to every target as its own prompt field.', type: 'textarea' },
  { key: 'negativePrompt', label: 'Negative prompt', description: 'What none of them should draw.', type: 'textarea' },
  { key: 'seed', label: 'Seed', description: 'Empty: one random seed, drawn once at Run, the same for every target.', type: 'number', placeholder: 'random' },
  { key: 'width', label: 'Width', description: '', type: 'number', step: 8 },
  { key: 'height', label: 'Height', description: '', type: 'number', step: 8 },
  { key: 'steps', label: 'Steps', description: '', type: 'number' },
  { key: 'guidance', label: 'Guidance', description: '', type: 'number', step: 0.5 },
  { key: 'scheduler', label: 'Scheduler', description: 'Any provider’s name; empty: each endpoint’s default.', type: 'text', placeholder: 'endpoint default' },
  { key: 'samples', label: 'Samples', description: '', type: 'number' },
  { key: 'strength', label: 'Strength', description: 'Init-image strength (image to image, inpainting).', type: 'number', step: 0.05 },
];

export function SharedParamsForm(props: {
  form: SharedForm;
  errors: Partial<Record<SharedKey, string>>;
  endpointIds: string[];
  onChange(form: SharedForm): void;
  needsImage: boolean;
  ImageEditor: ImageEditor;
  needsMask: boolean;
  initImage?: string;
  onInitImage(v: string | undefined): void;
  onMask(v: string | undefined): void;
}) {
  const { form, errors, endpointIds } = props;
  const base = useId();
  const schedulers = useMemo(() => knownSchedulers(), []);
  return (
    <section aria-label="Shared parameters" className="flex flex-col gap-3">
      <h2 className="text-sm font-semibold text-zinc-200">Shared parameters</h2>
      <div className="grid grid-cols-2 gap-3">
        {FIELDS.map((f) => {
          const id = `${base}-${f.key}`;
          const hint = f.type === 'number' && f.key !== 'seed' ? rangeHint(endpointIds, f.key) : '';
          const wide = f.type === 'textarea' || f.key === 'scheduler' || f.key === 'seed';
          return (
            <div key={f.key} className={wide ? 'col-span-2' : ''}>
              <FieldShell id={id} label={f.label} description={[f.description, hint].filter(Boolean).join(' ')} error={errors[f.key]}>
                {f.type === 'textarea' ? (
                  <textarea
                    id={id}
                    rows={f.key === 'prompt' ? 3 : 2}
                    className={inputClass}
                    value={form[f.key]}
                    aria-describedby={`${id}-desc`}
                    onChange={(e) => props.onChange({ ...form, [f.key]: e.target.value })}
                  />
                ) : (
                  <input
                    id={id}
                    className={inputClass}
                    type={f.type === 'number' ? 'number' : 'text'}
                    inputMode={f.type === 'number' ? 'decimal' : undefined}
                    step={f.step ?? 'any'}
                    placeholder={f.placeholder}
                    list={f.key === 'scheduler' ? `${id}-list` : undefined}
                    value={form[f.key]}
                    aria-invalid={errors[f.key] ? true : undefined}
                    aria-describedby={`${id}-desc`}
                    onChange={(e) => props.onChange({ ...form, [f.key]: e.target.value })}
                  />
                )}
              </FieldShell>
              {f.key === 'scheduler' && (
                <datalist id={`${id}-list`}>
                  {schedulers.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              )}
            </div>
          );
        })}
      </div>
      {props.needsImage && (
        <props.ImageEditor
          initImage={props.initImage}
          onInitImageChange={(v) => props.onInitImage(v)}
          maskEnabled={props.needsMask}
          onMaskChange={props.onMask}
          maxSide={MAX_ORIGINAL_SIDE}
          multipleOf={1}
        />
      )}
    </section>
  );
}
