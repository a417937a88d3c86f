/**
 * A shared width × height as one of a size field's named options: Replicate's `aspect_ratio`
 * ("16:9") or fal's `image_size` presets ("landscape_4_3", documented as 1024×768). The nearest
 * ratio wins, then the nearest area; the note says what the model will make instead. Pure.
 */

/** fal's `image_size` presets and the pixel sizes fal documents for them. */
const FAL_PRESETS: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

interface Option {
  value: string;
  ratio: number;
  /** Pixel size, when the option names one. */
  size?: [number, number];
}

function readOption(value: string | number): Option | undefined {
  if (typeof value !== 'string') return undefined;
  const preset = FAL_PRESETS[value];
  if (preset) return { value, ratio: preset[0] / preset[1], size: preset };
  const ratio = /^(\d{1,3}(?:\.\d+)?):(\d{1,3}(?:\.\d+)?)$/.exec(value);
  if (ratio && Number(ratio[1]) > 0 && Number(ratio[2]) > 0) return { value, ratio: Number(ratio[1]) / Number(ratio[2]) };
  const pixels = /^(\d{2,5})\s*[x×*]\s*(\d{2,5})$/.exec(value);
  if (pixels) return { value, ratio: Number(pixels[1]) / Number(pixels[2]), size: [Number(pixels[1]), Number(pixels[2])] };
  return undefined;
}

export interface SizeChoice {
  value: string;
  /** The option gives exactly the size asked for. */
  exact: boolean;
  /** The pixel size the option names (fal's presets), when it names one. */
  size?: [number, number];
  /** The option's ratio is the one asked for (a ratio option: the model picks the pixels). */
  sameRatio: boolean;
  note: string;
}

const ratioText = (w: number, h: number) => (w / h).toFixed(2).replace(/\.?0+$/, '');

/** The option nearest to `width` × `height`, or undefined when no option names a size or ratio. */
export function chooseSizeOption(options: readonly (string | number)[], width: number, height: number): SizeChoice | undefined {
  if (!(width > 0 && height > 0)) return undefined;
  const wanted = width / height;
  const read = options.map(readOption).filter((o): o is Option => o !== undefined);
  if (read.length === 0) return undefined;
  const ratioGap = (o: Option) => Math.abs(Math.log(o.ratio / wanted));
  const areaGap = (o: Option) => (o.size ? Math.abs(Math.log((o.size[0] * o.size[1]) / (width * height))) : 0);
  const best = [...read].sort((a, b) => ratioGap(a) - ratioGap(b) || areaGap(a) - areaGap(b))[0]!;
  const asked = `${width}×${height}`;
  const sameRatio = ratioGap(best) < 0.01;
  if (best.size) {
    const exact = best.size[0] === width && best.size[1] === height;
    return {
      value: best.value,
      exact,
      size: best.size,
      sameRatio,
      note: exact ? `${asked} is the preset "${best.value}"` : `${asked} has no preset: "${best.value}" makes ${best.size[0]}×${best.size[1]}`,
    };
  }
  return {
    value: best.value,
    exact: false,
    sameRatio,
    note: sameRatio
      ? `${asked} sent as the aspect ratio "${best.value}": the model picks the pixel size`
      : `${asked} (ratio ${ratioText(width, height)}) has no aspect ratio of its own here: the nearest is "${best.value}", and the model picks the pixel size`,
  };
}
