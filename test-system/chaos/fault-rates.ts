/**
 * Transient faults only, at `rate` of all requests: 429, 500 and slow answers from the image model, 500 and 503 from
 * the analysis service. Permanent faults (blocks, 400s) would end angles by design and hide what chaos is about.
 */
export async function setTransientFaults(urls: { gemini: string; dino: string }, rate: number): Promise<void> {
  await post(`${urls.gemini}/_control/faults`, { rates: { '429': rate * 0.4, '500': rate * 0.4, slow: rate * 0.2 } });
  await post(`${urls.dino}/_control/faults`, { rates: { '500': rate / 2, '503': rate / 2 } });
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`could not set faults at ${url}: ${response.status} ${await response.text()}`);
}
