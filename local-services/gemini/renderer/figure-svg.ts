import type { BodyPlan } from './body-plan';
import { darken, mix } from './colour';
import type { CharacterLook } from './look';

/**
 * Poses the body plan at a view angle and writes it as SVG. The figure is a set of simple solids: each part has a
 * position across (x) and through (z) the body, is projected for the angle, and is painted back to front, so a
 * turnaround really turns: widths follow the rotation, the face shows only when it faces the camera, the nose and
 * toes point where the character looks, and the one-sided bag and emblem move or hide with the angle.
 *
 * Angles follow the turnaround prompts: 0° faces the camera, positive angles turn the character to its left.
 */

interface Piece {
  order: number;
  svg: string;
}

/** Paint order of the groups; depth sorts pieces inside a group. */
const GROUP = { floor: 0, legs: 1, farArm: 2, neck: 3, torso: 4, nearArm: 5, bag: 6, backHair: 7, head: 8 } as const;

const EYE = '#2b2320';

const f = (value: number): string => value.toFixed(1);

export function figureSvg(
  look: CharacterLook,
  angleDeg: number,
  canvas: { width: number; height: number },
  plan: BodyPlan,
  background: string,
): string {
  const theta = ((((angleDeg % 360) + 360) % 360) * Math.PI) / 180;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const { colours } = look;
  const { cx, height: H, stroke } = plan;
  const T = plan.torso.width;
  const D = plan.torso.depth;
  const head = plan.head;
  const top = plan.top;

  const screenX = (x: number, z: number): number => cx + x * c + z * s;
  const depth = (x: number, z: number): number => z * c - x * s;
  /** How squarely a surface with normal (nx, nz) faces the camera: 1 head-on, ≤ 0 turned away. */
  const facing = (nx: number, nz: number): number => nz * c - nx * s;
  /** Half the visible width of an elliptical cross-section with half-axes (halfWidth, halfDepth). */
  const projectedHalf = (halfWidth: number, halfDepth: number): number => Math.hypot(halfWidth * c, halfDepth * s);

  const pieces: Piece[] = [];
  const add = (group: number, depthValue: number, svg: string): void => {
    pieces.push({ order: group * 1000 + (depthValue / H) * 100, svg });
  };
  const outline = (fill: string): string =>
    `fill="${fill}" stroke="${darken(fill, 0.6)}" stroke-width="${f(stroke)}" stroke-linejoin="round"`;
  const rect = (x: number, y: number, w: number, h: number, r: number, attrs: string): string =>
    `<rect x="${f(x)}" y="${f(y)}" width="${f(Math.max(w, 0.5))}" height="${f(h)}" rx="${f(Math.min(r, w / 2, h / 2))}" ${attrs}/>`;
  const ellipse = (x: number, y: number, rx: number, ry: number, attrs: string): string =>
    `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(Math.max(rx, 0.5))}" ry="${f(ry)}" ${attrs}/>`;
  const line = (x1: number, y1: number, x2: number, y2: number, colour: string, width: number): string =>
    `<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2)}" y2="${f(y2)}" stroke="${colour}" stroke-width="${f(width)}" stroke-linecap="round"/>`;

  // Floor shadow: faint enough that the figure's outline is still found against the backdrop.
  add(
    GROUP.floor,
    0,
    ellipse(cx, plan.y.sole + H * 0.004, projectedHalf(0.45 * T, 0.45 * T) + T * 0.1, H * 0.012, 'fill="#000" fill-opacity="0.06"'),
  );

  // Legs and shoes.
  const hipHalf = projectedHalf(0.4 * T, 0.26 * T);
  add(GROUP.legs, -H, rect(cx - hipHalf, plan.y.hip - 0.03 * H, 2 * hipHalf, 0.115 * H, 0.03 * H, outline(colours.bottom)));
  for (const side of [1, -1]) {
    const x = side * plan.leg.offset;
    const legX = screenX(x, 0);
    const legDepth = depth(x, 0);
    add(
      GROUP.legs,
      legDepth,
      rect(legX - plan.leg.width / 2, plan.y.hip, plan.leg.width, plan.y.ankle - plan.y.hip, plan.leg.width * 0.3, outline(colours.bottom)),
    );
    const shoeHalf = (plan.shoe.width / 2) * Math.abs(c) + (plan.shoe.length / 2) * Math.abs(s);
    const shoeX = screenX(x, 0.12 * T);
    const shoeTop = plan.y.ankle - 0.006 * H;
    add(
      GROUP.legs,
      legDepth + 0.001 * H,
      rect(shoeX - shoeHalf, shoeTop, 2 * shoeHalf, plan.y.sole - shoeTop, 0.025 * H, outline(colours.shoes)) +
        line(
          shoeX - shoeHalf * 0.9,
          plan.y.sole - 0.008 * H,
          shoeX + shoeHalf * 0.9,
          plan.y.sole - 0.008 * H,
          darken(colours.shoes, 0.55),
          stroke,
        ),
    );
  }

  // Arms: the one on the far side is painted before the torso, the near one after it.
  for (const side of [1, -1]) {
    const x = side * (T / 2 + plan.armWidth / 2);
    const armX = screenX(x, 0);
    const armDepth = depth(x, 0);
    const a = plan.armWidth;
    // The swing is seen fully from the front and foreshortened away as the view turns to the side.
    const swing = plan.armSwing[side === 1 ? 0 : 1] * Math.sign(armX - cx || side) * Math.abs(Math.cos((angleDeg * Math.PI) / 180));
    const svg =
      `<g transform="rotate(${swing.toFixed(2)} ${armX.toFixed(1)} ${(plan.y.shoulder + 0.01 * H).toFixed(1)})">` +
      rect(armX - a / 2, plan.y.shoulder + 0.004 * H, a, plan.y.sleeveEnd - plan.y.shoulder, a * 0.45, outline(colours.top)) +
      rect(armX - a / 2, plan.y.sleeveEnd - 0.016 * H, a, 0.016 * H, a * 0.1, outline(darken(colours.top, 0.8))) +
      ellipse(armX, (plan.y.sleeveEnd + plan.y.hand) / 2, a * 0.42, (plan.y.hand - plan.y.sleeveEnd) / 2, outline(colours.skin)) +
      '</g>';
    add(armDepth < -1e-6 ? GROUP.farArm : GROUP.nearArm, armDepth, svg);
  }

  // Neck and torso.
  add(
    GROUP.neck,
    0,
    rect(
      cx - plan.neckWidth / 2,
      plan.y.chin - 0.12 * head.height,
      plan.neckWidth,
      plan.y.shoulder - plan.y.chin + 0.12 * head.height + 0.02 * H,
      2,
      outline(colours.skin),
    ),
  );
  const half = projectedHalf(T / 2, D / 2);
  const waist = half * 0.93;
  const r = Math.min(0.35 * half, 0.05 * H);
  const shoulderY = plan.y.shoulder;
  const hipY = plan.y.hip;
  const torsoPath = `M${f(cx - waist)} ${f(hipY)} L${f(cx - half)} ${f(shoulderY + r)} Q${f(cx - half)} ${f(shoulderY)} ${f(cx - half + r)} ${f(shoulderY)} L${f(cx + half - r)} ${f(shoulderY)} Q${f(cx + half)} ${f(shoulderY)} ${f(cx + half)} ${f(shoulderY + r)} L${f(cx + waist)} ${f(hipY)} Z`;
  const seam = darken(colours.top, 0.55);
  let torso = `<path d="${torsoPath}" ${outline(colours.top)}/>`;
  // Light from the upper left: the right edge is in shade.
  torso += `<path d="M${f(cx + half * 0.72)} ${f(shoulderY + r)} L${f(cx + half)} ${f(shoulderY + r)} L${f(cx + waist)} ${f(hipY)} L${f(cx + waist * 0.72)} ${f(hipY)} Z" fill="#000" fill-opacity="0.1"/>`;
  torso += rect(cx - waist, hipY - 0.018 * H, 2 * waist, 0.018 * H, 2, outline(darken(colours.top, 0.82)));
  if (c > 0.15) {
    // Front: zip, collar and the emblem on the character's left chest.
    const zipX = screenX(0, D / 2);
    torso += line(zipX, shoulderY + 0.02 * H, zipX, hipY - 0.018 * H, seam, stroke * 0.9);
    const neckL = screenX(-plan.neckWidth / 2 - 0.04 * T, D * 0.3);
    const neckR = screenX(plan.neckWidth / 2 + 0.04 * T, D * 0.3);
    torso += `<path d="M${f(neckL)} ${f(shoulderY)} L${f(zipX)} ${f(shoulderY + 0.065 * H)} L${f(neckR)} ${f(shoulderY)}" fill="none" stroke="${seam}" stroke-width="${f(stroke)}" stroke-linejoin="round"/>`;
    if (c > 0.2) {
      const emblemX = screenX(0.22 * T, D / 2);
      torso += ellipse(emblemX, shoulderY + 0.075 * H, 0.05 * T * c, 0.05 * T, outline(colours.accent));
      torso += ellipse(emblemX, shoulderY + 0.075 * H, 0.022 * T * c, 0.022 * T, `fill="${mix(colours.accent, '#ffffff', 0.55)}"`);
    }
  } else if (c < -0.15) {
    // Back: yoke and centre seam instead of zip and emblem.
    const yokeY = shoulderY + 0.07 * H;
    torso += `<path d="M${f(cx - half * 0.92)} ${f(yokeY)} Q${f(cx)} ${f(yokeY + 0.025 * H)} ${f(cx + half * 0.92)} ${f(yokeY)}" fill="none" stroke="${seam}" stroke-width="${f(stroke)}"/>`;
    const backX = screenX(0, -D / 2);
    torso += line(backX, yokeY + 0.012 * H, backX, hipY - 0.018 * H, seam, stroke * 0.8);
  }
  // The bag's strap runs from the left shoulder to the right hip, over the chest in front and over the back behind.
  if (Math.abs(c) > 0.05) {
    const z = Math.sign(c) * 0.45 * D;
    torso += line(
      screenX(0.3 * T, z),
      shoulderY + 0.008 * H,
      screenX(-0.45 * T, z),
      hipY - 0.06 * H,
      darken(colours.accent, 0.55),
      0.011 * H,
    );
  }
  add(GROUP.torso, 0, torso);

  // The bag hangs at the front of the right hip: seen from the front and from the right, hidden from the left and back.
  const bagFacing = facing(-0.5, 0.87);
  if (bagFacing > 0.1) {
    const bagHalf = 0.15 * T * Math.abs(c) + 0.06 * T * Math.abs(s);
    const bagX = screenX(-0.36 * T, 0.5 * D + 0.06 * T);
    const bagTop = hipY - 0.08 * H;
    add(
      GROUP.bag,
      0,
      rect(bagX - bagHalf, bagTop, 2 * bagHalf, 0.11 * H, 0.012 * H, outline(colours.accent)) +
        rect(bagX - bagHalf, bagTop, 2 * bagHalf, 0.04 * H, 0.012 * H, outline(darken(colours.accent, 0.78))),
    );
  }

  // Long hair: the mass down the back shows from the side and behind; locks at both sides of the face.
  const chin = plan.y.chin;
  if (look.hairStyle === 'long' && c <= 0.2) {
    const massHalf = projectedHalf(0.5 * head.width, 0.3 * head.depth);
    const massX = screenX(0, -0.2 * head.depth);
    add(
      GROUP.backHair,
      0,
      rect(
        massX - massHalf,
        top + 0.4 * head.height,
        2 * massHalf,
        chin - top - 0.4 * head.height + 0.11 * H,
        massHalf * 0.6,
        outline(colours.hair),
      ),
    );
  }

  // Head: hair-coloured all round, with the face on its front and features only where they face the camera.
  const headCy = top + head.height / 2;
  const headRx = projectedHalf(head.width / 2, head.depth / 2);
  const headRy = head.height / 2;
  let headSvg = `<defs><clipPath id="head-clip"><ellipse cx="${f(cx)}" cy="${f(headCy)}" rx="${f(headRx)}" ry="${f(headRy)}"/></clipPath></defs>`;
  headSvg += ellipse(cx, headCy, headRx, headRy, outline(colours.hair));
  if (c > -0.2) {
    const visibility = Math.min(1, (c + 0.2) / 0.2);
    const faceHalf = (0.4 * head.width + (0.25 * head.depth - 0.4 * head.width) * Math.abs(s)) * visibility;
    const faceX = cx + 0.26 * head.depth * s;
    headSvg += `<g clip-path="url(#head-clip)">${ellipse(faceX, top + 0.69 * head.height, faceHalf, 0.36 * head.height, `fill="${colours.skin}"`)}</g>`;
  }
  for (const side of [1, -1]) {
    const earFacing = facing(side, 0);
    if (earFacing > -0.05) {
      const earHalf = 0.07 * head.width * (Math.abs(s) + 0.5 * Math.abs(c));
      headSvg += ellipse(screenX((side * head.width) / 2, 0), top + 0.56 * head.height, earHalf, 0.1 * head.height, outline(colours.skin));
    }
  }
  const featureColour = darken(colours.skin, 0.65);
  for (const side of [1, -1]) {
    const eyeFacing = facing(side * 0.4, 0.92);
    if (eyeFacing > 0.12) {
      const eyeX = screenX(side * 0.19 * head.width, 0.44 * head.depth);
      const eyeY = top + 0.6 * head.height;
      const squeeze = Math.max(0.35, Math.min(1, eyeFacing));
      headSvg += ellipse(eyeX, eyeY, 0.065 * head.width * squeeze, 0.055 * head.width, `fill="${EYE}"`);
      headSvg += ellipse(
        eyeX - 0.02 * head.width * squeeze,
        eyeY - 0.02 * head.width,
        0.018 * head.width * squeeze,
        0.018 * head.width,
        'fill="#ffffff"',
      );
      headSvg += line(
        eyeX - 0.08 * head.width * squeeze,
        eyeY - 0.11 * head.width,
        eyeX + 0.08 * head.width * squeeze,
        eyeY - 0.12 * head.width,
        colours.hair,
        stroke * 1.4,
      );
    }
  }
  const noseY = top + 0.72 * head.height;
  if (Math.abs(s) > 0.3 && c > -0.25) {
    const base = screenX(0, 0.4 * head.depth);
    const tip = screenX(0, 0.5 * head.depth + 0.08 * head.width);
    headSvg += `<path d="M${f(base)} ${f(noseY - 0.09 * head.height)} L${f(tip)} ${f(noseY + 0.02 * head.height)} L${f(base)} ${f(noseY + 0.05 * head.height)} Z" ${outline(colours.skin)}/>`;
  } else if (c > 0.3) {
    const noseX = screenX(0, 0.5 * head.depth);
    headSvg += line(noseX, noseY - 0.05 * head.height, noseX + 0.015 * head.width, noseY + 0.03 * head.height, featureColour, stroke);
  }
  const mouthY = top + 0.85 * head.height;
  if (c > 0.25) {
    const mouthX = screenX(0, 0.47 * head.depth);
    headSvg += line(mouthX - 0.09 * head.width * c, mouthY, mouthX + 0.09 * head.width * c, mouthY, featureColour, stroke * 1.2);
  } else if (c > -0.25 && Math.abs(s) > 0.7) {
    headSvg += line(screenX(0, 0.36 * head.depth), mouthY, screenX(0, 0.46 * head.depth), mouthY, featureColour, stroke * 1.2);
  }
  if (look.hairStyle === 'long') {
    for (const side of [1, -1]) {
      const x = side * 0.465 * head.width;
      if (depth(x, 0) > -0.15 * head.width) {
        const lockHalf = 0.085 * head.width;
        const lockX = screenX(x, 0);
        headSvg += rect(
          lockX - lockHalf,
          top + 0.35 * head.height,
          2 * lockHalf,
          chin - top - 0.35 * head.height + 0.09 * H,
          lockHalf,
          outline(colours.hair),
        );
      }
    }
  }
  add(GROUP.head, 0, headSvg);

  const body = pieces
    .sort((a, b) => a.order - b.order)
    .map((piece) => piece.svg)
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${canvas.width}" height="${canvas.height}" viewBox="0 0 ${canvas.width} ${canvas.height}">
<rect width="${canvas.width}" height="${canvas.height}" fill="${background}"/>
${body}
</svg>`;
}
