import { saveBlob } from '@/utils/download'

/// The roster columns in the order officials fill them; the server also reads the English names
/// and a few other spellings (docs/openapi.yaml, roster-imports).
export const TEMPLATE_HEADERS = [
  '年级',
  '班级',
  '姓名',
  '性别',
  '身份证号',
  '学籍号',
  '残疾',
  '随迁子女',
  '家庭经济困难',
  '留守儿童',
  '军人子女',
  '双职工',
  '监护人姓名',
  '监护人关系',
  '监护人手机',
  '是否接送人',
] as const

/// The empty template, made in the page: UTF-8 with a byte-order mark, so Excel on Windows opens
/// it as UTF-8 (the server skips the mark), and CRLF line ends.
export function templateCsv(): string {
  return `\uFEFF${TEMPLATE_HEADERS.join(',')}\r\n`
}

export function downloadTemplate(filename: string): void {
  saveBlob(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }), filename)
}
