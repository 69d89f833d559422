// Text of each page of a PDF that Chromium printed, enough to check what a sheet says
// (there is no PDF reader among our dependencies). Chromium writes text as glyph ids in
// Type0 fonts with a ToUnicode CMap and Flate-compressed content streams; this reads
// exactly that, not PDF in general.
import { inflateSync } from 'node:zlib'

interface PdfObject {
  dict: string
  stream: Buffer | null
}

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const objects = new Map<number, PdfObject>()
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2] as string
    const s = /stream\r?\n/.exec(body)
    let stream: Buffer | null = null
    let dict = body
    if (s) {
      dict = body.slice(0, s.index)
      const start = s.index + s[0].length
      const end = body.lastIndexOf('endstream')
      const raw = Buffer.from(body.slice(start, end).replace(/\r?\n$/, ''), 'latin1')
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw
    }
    objects.set(Number(m[1]), { dict, stream })
  }
  return objects
}

function utf16(hex: string): string {
  let s = ''
  for (let i = 0; i + 4 <= hex.length; i += 4)
    s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16))
  return s
}

function cmapOf(text: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(m[1] as string, 16), utf16(m[2] as string))
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] as string).matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])/g,
    )) {
      const lo = parseInt(m[1] as string, 16)
      const hi = parseInt(m[2] as string, 16)
      if (m[3] !== undefined) {
        const base = parseInt(m[3], 16)
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo))
      } else {
        const list = [...(m[4] as string).matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) =>
          utf16(x[1] as string),
        )
        list.forEach((u, k) => map.set(lo + k, u))
      }
    }
  }
  return map
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)
  return m ? Number(m[1]) : null
}

/** The text of every page, in page order, glyphs in drawing order. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = objectsOf(pdf)
  const cmaps = new Map<number, Map<number, string>>()
  const cmapOfFont = (fontObject: number): Map<number, string> => {
    let cmap = cmaps.get(fontObject)
    if (!cmap) {
      const toUnicode = ref(objects.get(fontObject)?.dict ?? '', 'ToUnicode')
      const stream = toUnicode === null ? null : objects.get(toUnicode)?.stream
      cmap = stream ? cmapOf(stream.toString('latin1')) : new Map()
      cmaps.set(fontObject, cmap)
    }
    return cmap
  }
  const pages: string[] = []
  for (const [, obj] of objects) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(obj.dict)) continue
    const fonts = new Map<string, number>()
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(obj.dict)?.[1] ?? ''
    for (const m of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g))
      fonts.set(m[1] as string, Number(m[2]))
    const contents = ref(obj.dict, 'Contents')
    const content =
      contents === null ? '' : (objects.get(contents)?.stream?.toString('latin1') ?? '')
    let cmap = new Map<number, string>()
    let text = ''
    for (const m of content.matchAll(
      /\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ/g,
    )) {
      if (m[1] !== undefined) {
        const font = fonts.get(m[1])
        cmap = font === undefined ? new Map() : cmapOfFont(font)
        continue
      }
      const hexes =
        m[2] !== undefined
          ? [m[2]]
          : [...(m[3] as string).matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1] as string)
      for (const hex of hexes) {
        for (let i = 0; i + 4 <= hex.length; i += 4)
          text += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? ''
      }
    }
    pages.push(text)
  }
  return pages
}

/** How many raster images the PDF holds (vector sheets have none). */
export function pdfImageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Subtype\s*\/Image\b/g)?.length ?? 0
}

/** Page sizes in PDF points (A4 portrait is 595 x 842). */
export function pdfPageSizes(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(
    (m) => ({ width: Number(m[1]), height: Number(m[2]) }),
  )
}
