'use client';
import { Button, SelectInput, TextInput } from '@payloadcms/ui';
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';

const text = (set: (value: string) => void) => (event: ChangeEvent<HTMLInputElement>) => set(event.target.value);

const ASPECT_RATIOS = ['3:4', '2:3', '1:1', '4:3', '16:9', '9:16'].map((ratio) => ({ label: ratio, value: ratio }));

export interface ShotRequest {
  prompt: string;
  shotType?: string;
  tags?: string;
  aspectRatio: string;
}

interface ShotFormProps {
  disabled: boolean;
  onSubmit: (shot: ShotRequest) => Promise<boolean>;
}

/**
 * Not a <form>: this sits inside Payload's document form, and browsers drop nested forms. For the same reason
 * Enter is caught in every input here: it would otherwise save the character instead of requesting a shot.
 * The inputs are Payload's, unbound from the document's form state: they are not fields of the character.
 */
export function ShotForm({ disabled, onSubmit }: ShotFormProps) {
  const [prompt, setPrompt] = useState('');
  const [shotType, setShotType] = useState('');
  const [tags, setTags] = useState('');
  const [aspectRatio, setAspectRatio] = useState('3:4');
  const [busy, setBusy] = useState(false);
  const ready = !disabled && !busy && prompt.trim().length >= 3;

  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    try {
      if (await onSubmit({ prompt, shotType: shotType || undefined, tags: tags || undefined, aspectRatio })) setPrompt('');
    } finally {
      setBusy(false);
    }
  };
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void submit();
  };

  return (
    <div className="cal-shot-form" role="group" aria-label="Request a production shot">
      <h4>Production shot</h4>
      <TextInput
        path="productionShot.prompt"
        label="Shot prompt"
        placeholder='e.g. "smiling, leather jacket, cinematic lighting"'
        value={prompt}
        onChange={text(setPrompt)}
        onKeyDown={onEnter}
        readOnly={disabled}
      />
      <div className="cal-shot-form__row">
        <TextInput
          path="productionShot.shotType"
          label="Shot type"
          placeholder="e.g. medium"
          value={shotType}
          onChange={text(setShotType)}
          onKeyDown={onEnter}
          readOnly={disabled}
        />
        <TextInput
          path="productionShot.tags"
          label="Tags"
          placeholder="e.g. poster, key art"
          value={tags}
          onChange={text(setTags)}
          onKeyDown={onEnter}
          readOnly={disabled}
        />
        <SelectInput
          path="productionShot.aspectRatio"
          name="productionShot.aspectRatio"
          label="Aspect ratio"
          options={ASPECT_RATIOS}
          value={aspectRatio}
          isClearable={false}
          readOnly={disabled}
          onChange={(option) => {
            const value = Array.isArray(option) ? option[0]?.value : option?.value;
            if (typeof value === 'string') setAspectRatio(value);
          }}
        />
      </div>
      <Button
        buttonStyle="secondary"
        margin={false}
        disabled={!ready}
        tooltip={disabled ? 'Needs an ingested master and an approved core set' : undefined}
        onClick={() => void submit()}
      >
        Request production shot
      </Button>
    </div>
  );
}
