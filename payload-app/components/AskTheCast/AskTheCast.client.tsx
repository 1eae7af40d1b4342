'use client';
import { Button, TextInput } from '@payloadcms/ui';
import { useState, type ChangeEvent, type FormEvent } from 'react';

export function AskTheCastClient() {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function ask(event: FormEvent) {
    event.preventDefault();
    if (question.trim().length < 3) return;
    setBusy(true);
    setAnswer(null);
    try {
      const response = await fetch('/api/characters/query', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      });
      const body = (await response.json()) as { answer?: string; error?: string };
      setAnswer(response.ok ? (body.answer ?? '') : `Could not answer: ${body.error ?? response.status}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cal-panel cal-ask-panel gutter--left gutter--right" data-testid="ask-the-cast">
      <h3>Ask the cast</h3>
      <form className="cal-ask" onSubmit={ask}>
        <TextInput
          path="askTheCast.question"
          label="Question about the cast"
          placeholder="e.g. Who is Jax's sister?"
          value={question}
          onChange={(event: ChangeEvent<HTMLInputElement>) => setQuestion(event.target.value)}
        />
        <Button type="submit" margin={false} disabled={busy || question.trim().length < 3}>
          {busy ? 'Asking…' : 'Ask'}
        </Button>
      </form>
      {answer !== null ? (
        <pre className="cal-notes" data-testid="cast-answer">
          {answer}
        </pre>
      ) : null}
    </div>
  );
}
