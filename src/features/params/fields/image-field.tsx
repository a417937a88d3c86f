import { inputClass } from '../../../components/ui/field-shell';

import type { FieldProps } from './field-props';
import { useLocalImageUrl } from '../../../job-store/use-local-image-url';
import { describeImageRef, isImageRef } from '../../../providers/shared/image-ref';
import { Button } from '../../../components/ui/button';

/** An image slot: a URL typed here, or a local image / mask filled from the canvas. */
export function ImageField({ field, id, value, onChange, onBlur, error, describedBy }: FieldProps) {
  const str = typeof value === 'string' ? value : '';
  const local = isImageRef(str);
  // The preview is 40 px: a large local image is shown from a small copy (twice that, for sharp screens).
  const src = useLocalImageUrl(str || undefined, 80);
  return (
    <div className="flex items-center gap-2">
      {src && (
        <img
          src={src}
          alt={`${field.name} preview`}
          className="h-10 w-10 shrink-0 rounded border border-zinc-700 bg-zinc-800 object-cover"
        />
      )}
      <input
        id={id}
        type="text"
        className={`${inputClass} min-w-0 flex-1`}
        placeholder={field.mask ? 'painted on the canvas, or a URL' : 'from the canvas, or an image URL'}
        value={local ? `local ${field.mask ? 'mask' : 'image'} (${describeImageRef(str)}, from the canvas)` : str}
        readOnly={local}
        onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : e.target.value.trim())}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {str && (
        <Button aria-label={`Clear the ${field.name} field`} onClick={() => onChange(undefined)}>
          ✕
        </Button>
      )}
    </div>
  );
}
