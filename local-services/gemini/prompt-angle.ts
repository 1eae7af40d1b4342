/**
 * The view angle a prompt asks for, in degrees (0 faces the camera, positive turns the character to its left),
 * or undefined when the prompt names none. Explicit degrees win over words, because turnaround prompts say both
 * ("three-quarter back view, turned 135 degrees to the right (225°)").
 */
export function angleFromPrompt(prompt: string): number | undefined {
  const text = prompt.toLowerCase().replace(/\s+/g, ' ');

  const degreeSign = /(-?\d{1,3}(?:\.\d+)?)\s*°/.exec(text);
  if (degreeSign?.[1]) return normalise(Number(degreeSign[1]));

  const turned =
    /turn(?:ed|s|ing)?\s+(\d{1,3}(?:\.\d+)?)\s*(?:degrees?|deg)\b(?:\s+(?:to\s+)?(?:the\s+|her\s+|his\s+|their\s+)?(left|right))?/.exec(
      text,
    );
  if (turned?.[1]) return normalise(turned[2] === 'right' ? -Number(turned[1]) : Number(turned[1]));

  const degrees = /\b(\d{1,3}(?:\.\d+)?)[\s-]*(?:degrees?|deg)\b/.exec(text);
  if (degrees?.[1]) return normalise(Number(degrees[1]));

  const right = /\bright\b/.test(text);
  if (/\b(?:three[\s-]quarters?|3\/4)[\s-]+(?:back|rear)\b/.test(text)) return right ? 225 : 135;
  if (/\b(?:back|rear)[\s-]+view\b|\bfrom\s+(?:behind|the\s+back)\b|\bfacing\s+away\b|\bseen\s+from\s+behind\b/.test(text)) return 180;
  if (/\bright[\s-]+(?:profile|side)\b/.test(text)) return 270;
  if (/\bleft[\s-]+(?:profile|side)\b/.test(text)) return 90;
  if (/\b(?:profile|side[\s-]+view)\b/.test(text)) return right ? 270 : 90;
  if (/\b(?:three[\s-]quarters?|3\/4)\b/.test(text)) return right ? 315 : 45;
  if (/\bfront(?:al)?[\s-]+view\b|\bfront[\s-]+facing\b|\bfacing\s+(?:the\s+)?(?:camera|viewer|forward)\b/.test(text)) return 0;
  return undefined;
}

function normalise(degrees: number): number {
  return ((Math.round(degrees) % 360) + 360) % 360;
}
