/**
 * A small text-only PDF (A4, Helvetica for headings, Courier for tables so columns line up by
 * character count), enough for a customer statement without a PDF library in the bundle.
 */
export interface PdfLine {
  text: string;
  /** Heading (bold, larger) or a table/body line in the monospaced font. */
  style?: 'title' | 'heading' | 'body';
}

const PAGE = { width: 595, height: 842, margin: 40 };
const SIZES = { title: 16, heading: 11, body: 9 };
const LEADING = 1.45;

/** WinAnsi bytes of `text` as a PDF string literal: Latin-1 letters kept, `\`, `(`, `)` escaped. */
function pdfString(text: string): string {
  const mapped = text.replace(/[\u2212\u2013]/g, '-').replace(/\u2014/g, '\u0097').replace(/\u00a0/g, ' ');
  let out = '';
  for (const char of mapped) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === '(' || char === ')') out += `\\${char}`;
    else if (code >= 32 && code < 127) out += char;
    else if (code < 256) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += '?';
  }
  return `(${out})`;
}

/** Lays the lines out over as many pages as needed and returns the PDF file. */
export function buildPdf(lines: readonly PdfLine[]): Blob {
  const pages: string[][] = [[]];
  let y = PAGE.height - PAGE.margin;
  for (const line of lines) {
    const size = SIZES[line.style ?? 'body'];
    const step = size * LEADING;
    if (y - step < PAGE.margin) {
      pages.push([]);
      y = PAGE.height - PAGE.margin;
    }
    y -= step;
    const font = line.style === 'body' || !line.style ? 'F2' : 'F1';
    pages.at(-1)!.push(`BT /${font} ${size} Tf ${PAGE.margin} ${y.toFixed(1)} Td ${pdfString(line.text)} Tj ET`);
  }

  const objects: string[] = [];
  // Object ids are 1-based: push returns the new length, the id of what was just added.
  const add = (body: string) => objects.push(body);
  const catalog = add('');
  const pagesId = add('');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const mono = add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>');
  const kids = pages.map((commands, index) => {
    const footer = `BT /F2 8 Tf ${PAGE.margin} 20 Td ${pdfString(`Página ${index + 1} de ${pages.length}`)} Tj ET`;
    const stream = [...commands, footer].join('\n');
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    return add(
      `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 ${bold} 0 R /F2 ${mono} 0 R >> >> /Contents ${content} 0 R >>`,
    );
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((id) => `${id} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  // Everything above is ASCII, so string lengths are byte offsets.
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Blob([pdf], { type: 'application/pdf' });
}

/** Fixed-width columns for Courier lines: text padded right, numbers padded left. */
export function columns(cells: readonly { text: string; width: number; right?: boolean }[]): string {
  return cells
    .map(({ text, width, right }) => {
      const cut = text.slice(0, width);
      return right ? cut.padStart(width) : cut.padEnd(width);
    })
    .join(' ');
}
