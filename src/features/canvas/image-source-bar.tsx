/** The ways to bring an init image: file picker, URL, sample; and removing it. */
import { useId, useRef, useState } from 'react';
import { textInputClass } from './ui-classes';

import { Button } from '../../components/ui/button';

export function ImageSourceBar(props: {
  busy: boolean;
  onFiles(files: FileList): void;
  onUrl(url: string): void;
  onSample(): void;
}) {
  const { busy, onFiles, onUrl, onSample } = props;
  const fileRef = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const urlId = useId();
  const [url, setUrl] = useState('');
  const submitUrl = () => onUrl(url);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={fileId} className="sr-only">
        Image file
      </label>
      <input
        ref={fileRef}
        id={fileId}
        type="file"
        accept="image/*"
        className="sr-only"
        tabIndex={-1}
        onChange={(e) => {
          if (e.target.files?.length) onFiles(e.target.files);
          // Choosing the same file again must fire change again.
          e.target.value = '';
        }}
      />
      <Button variant="primary" onClick={() => fileRef.current?.click()} disabled={busy}>
        Choose image…
      </Button>
      <div className="flex min-w-0 flex-1 basis-72 items-center gap-1">
        <label htmlFor={urlId} className="sr-only">
          Image URL
        </label>
        <input
          id={urlId}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://…/image.png"
          className={`${textInputClass} flex-1`}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submitUrl();
            }
          }}
        />
        <Button onClick={submitUrl} disabled={busy}>
          Load URL
        </Button>
      </div>
      <Button onClick={onSample} disabled={busy}>
        Use sample image
      </Button>
    </div>
  );
}
