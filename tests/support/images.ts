import sharp from 'sharp';

/** A simple full-body figure on a plain background: a stand-in for an artist's master reference. */
export async function figurePng(options: { jacket?: string; hair?: string; width?: number; height?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 600;
  const height = options.height ?? 800;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 600 800">
    <rect width="600" height="800" fill="#f2f0eb"/>
    <ellipse cx="300" cy="150" rx="62" ry="72" fill="#e0ac8a"/>
    <path d="M236 140 Q300 40 364 140 L364 110 Q300 60 236 110 Z" fill="${options.hair ?? '#3b2417'}"/>
    <rect x="220" y="225" width="160" height="230" rx="30" fill="${options.jacket ?? '#8c1d2c'}"/>
    <rect x="180" y="235" width="40" height="200" rx="18" fill="${options.jacket ?? '#8c1d2c'}"/>
    <rect x="380" y="235" width="40" height="200" rx="18" fill="${options.jacket ?? '#8c1d2c'}"/>
    <rect x="232" y="455" width="60" height="240" rx="14" fill="#1f2f4a"/>
    <rect x="308" y="455" width="60" height="240" rx="14" fill="#1f2f4a"/>
    <rect x="222" y="690" width="78" height="34" rx="10" fill="#222"/>
    <rect x="300" y="690" width="78" height="34" rx="10" fill="#222"/>
    <circle cx="278" cy="145" r="7" fill="#222"/><circle cx="322" cy="145" r="7" fill="#222"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
