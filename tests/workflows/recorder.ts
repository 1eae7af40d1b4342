type Activities = Record<string, (input: never) => Promise<unknown>>;
type InputOf<A extends Activities, N extends keyof A> = Parameters<A[N]>[0];

export interface Recorded<A extends Activities> {
  activities: A;
  /** Every call's input, in the order the worker ran them (a retried activity appears once per attempt). */
  inputsOf<N extends keyof A & string>(name: N): Array<InputOf<A, N>>;
}

/** Wraps fake activities so a test can read back what the workflow asked for. */
export function recorded<A extends Activities>(activities: A): Recorded<A> {
  const calls: Array<{ name: string; input: unknown }> = [];
  const wrapped = Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      (input: never) => {
        calls.push({ name, input });
        return activity(input);
      },
    ]),
  ) as A;
  return {
    activities: wrapped,
    inputsOf: (name) => calls.filter((call) => call.name === name).map((call) => call.input as InputOf<A, typeof name>),
  };
}
