/**
 * Says when the init image's size and the size the endpoint will make differ, and offers
 * "Match init size": width and height set to the nearest size the endpoint allows.
 */
import { useWatch } from 'react-hook-form';
import type { Control, FieldValues } from 'react-hook-form';
import { Button } from '../components/ui/button';
import { matchInitSize, wholePictureSendSize } from '../lib/inpaint/match-size';
import { describeSchema } from '../providers/fields/describe';
import { parseImageRef } from '../providers/shared/image-ref';
import type { EndpointDef } from '../providers/types';

export default function InitSizeNotice(props: { control: Control<FieldValues>; endpoint: EndpointDef; imageField: string; onChange(values: Record<string, unknown>): void }) {
  const { control, endpoint, imageField, onChange } = props;
  const fields = describeSchema(endpoint.schema);
  const widthField = fields.find((f) => f.role === 'width')?.name;
  const heightField = fields.find((f) => f.role === 'height')?.name;
  const [image, width, height] = useWatch({ control, name: [imageField, widthField ?? imageField, heightField ?? imageField] }) as unknown[];
  const info = typeof image === 'string' ? parseImageRef(image) : undefined;
  const rule = endpoint.sizeRule;
  if (!info || !info.width || !info.height || !rule) return null;
  const size = `${info.width}×${info.height}`;
  if (!widthField || !heightField) {
    const sent = wholePictureSendSize(info, rule);
    if (sent.width === info.width && sent.height === info.height) return null;
    return (
      <p role="status" className="rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm text-zinc-300">
        The init image is {size}; this endpoint takes other sizes, so it is sent at {sent.width}×{sent.height} (the original is kept in full).
      </p>
    );
  }
  if (Number(width) === info.width && Number(height) === info.height) return null;
  const match = matchInitSize(info, rule);
  const matched = Number(width) === match.width && Number(height) === match.height;
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm text-zinc-300">
      <p className="min-w-0 flex-1">
        The init image is {size}; width and height are {String(width)}×{String(height)}
        {matched ? ', the nearest size this endpoint allows.' : `. The nearest size this endpoint allows is ${match.width}×${match.height}.`}
      </p>
      {!matched && <Button onClick={() => onChange({ [widthField]: match.width, [heightField]: match.height })}>Match init size</Button>}
    </div>
  );
}
