'use client';
import { useState } from 'react';

export function AskTheCastClient() {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function ask(event: React.FormEvent) {
    event.preventDefault();
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
    <div className="cal-panel gutter--left gutter--right" data-testid="ask-the-cast">
      <h3>Ask the cast</h3>
      <form className="cal-row" onSubmit={ask}>
        <input aria-label="Question about the cast" style={{ flex: 1 }} placeholder="e.g. Who is Jax's sister?" value={question} onChange={(e) => setQuestion(e.target.value)} required minLength={3} />
        <button type="submit" className="cal-button" disabled={busy}>{busy ? 'Asking…' : 'Ask'}</button>
      </form>
      {answer !== null ? <pre className="cal-notes" data-testid="cast-answer">{answer}</pre> : null}
    </div>
  );
}
