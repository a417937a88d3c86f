/**
 * Says, before Generate, what size the init image is sent at when that is not simply the
 * picture and the form's width × height: the aspect is always kept (padded where the endpoint has
 * no size of that shape), and width and height go as the size sent. Offers "Match init size":
 * width and height set to the nearest size the endpoint allows that keeps the aspect.
 */
import { useWatch } from 'react-hook-form';
import type { Control, FieldValues } from 'react-hook-form';
import { Button } from '../components/ui/button';
import { useWorkspace } from '../job-store/workspace';
import { matchInitSize, wholePictureSendSize } from '../lib/inpaint/match-size';
import { contentRect } from '../lib/inpaint/region';
import { axisValues } from '../lib/inpaint/size-rules';
import { describeSchema } from '../providers/fields/describe';
import { parseImageRef } from '../providers/shared/image-ref';
import type { EndpointDef } from '../providers/types';

const dims = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

export default function InitSizeNotice(props: { control: Control<FieldValues>; endpoint: EndpointDef; imageField: string; onChange(values: Record<string, unknown>): void }) {
  const { control, endpoint, imageField, onChange } = props;
  const fields = describeSchema(endpoint.schema);
  const widthField = fields.find((f) => f.role === 'width')?.name;
  const heightField = fields.find((f) => f.role === 'height')?.name;
  const area = useWorkspace().inpaint.area;
  const masked = fields.some((f) => f.role === 'mask') && area === 'masked';
  const [image, width, height] = useWatch({ control, name: [imageField, widthField ?? imageField, heightField ?? imageField] }) as unknown[];
  const info = typeof image === 'string' ? parseImageRef(image) : undefined;
  const rule = endpoint.sizeRule;
  if (!info || !info.width || !info.height || !rule) return null;
  const size = dims(info);
  const box = 'rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm text-zinc-300';
  if (masked) {
    const largest = `${Math.max(...axisValues(rule.width))}×${Math.max(...axisValues(rule.height))}`;
    return (
      <p role="status" className={box}>
        Only masked: the part of the {size} init image around the mask is sent at the largest size this endpoint allows for its shape (up to {largest}),
        its aspect kept{widthField ? ', with width and height set to match' : ''}, and the answer is stitched back into the full picture.
      </p>
    );
  }
  const form = widthField && heightField && Number(width) > 0 && Number(height) > 0 ? { width: Number(width), height: Number(height) } : undefined;
  const sent = wholePictureSendSize(info, rule, form);
  const content = contentRect(info, sent);
  const padded =
    content.width !== sent.width || content.height !== sent.height
      ? ` No size it allows has the picture's shape, so the picture fills ${dims(content)} of it, padded, and the padding is cut off the answer.`
      : '';
  if (!widthField || !heightField) {
    if (sent.width === info.width && sent.height === info.height) return null;
    return (
      <p role="status" className={box}>
        The init image is {size}; this endpoint takes other sizes, so it is sent at {dims(sent)} (the original is kept in full).{padded}
      </p>
    );
  }
  if (form && form.width === info.width && form.height === info.height) return null;
  const match = matchInitSize(info, rule);
  const matched = form?.width === match.width && form.height === match.height;
  const disagree = !form || form.width !== sent.width || form.height !== sent.height;
  return (
    <div role="status" className={`flex flex-wrap items-center gap-2 ${box}`}>
      <p className="min-w-0 flex-1">
        The init image is {size}; width and height are {String(width)}×{String(height)}
        {matched ? ', the nearest size this endpoint allows.' : `. The nearest size this endpoint allows is ${dims(match)}.`}
        {disagree ? ` It is sent at ${dims(sent)}, with width and height ${dims(sent)}, so it keeps its shape.` : ''}
        {padded}
      </p>
      {!matched && <Button onClick={() => onChange({ [widthField]: match.width, [heightField]: match.height })}>Match init size</Button>}
    </div>
  );
}
