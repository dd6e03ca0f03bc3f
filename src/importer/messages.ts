/**
 * Why a document was refused, in the words an admin reads (the bot shows them through the
 * errors/bad-document template, the CLI prints them). Kept in one place so the wording is
 * reviewed together.
 */
export const IMPORT_MESSAGES = {
  empty: '文件是空的，没有可导入的内容',
  tooLarge: (mb: number) => `文件太大（${mb} MB），导入上限为 20 MB`,
  binary: '无法识别文件内容：既不是文本，也不是 Word(.docx)、Excel(.xlsx) 或网页文件',
  oldDoc: '暂不支持旧版 Word(.doc) 文件，请另存为 .docx 后再导入',
  pdf: '暂不支持 PDF 文件，请提供 Word(.docx)、文本或网页版本',
  encoding: '无法识别文本编码（支持 UTF-8、GBK/GB18030），请另存为 UTF-8 文本后再导入',
  zip: '压缩文件中没有找到 Word 或 Excel 文档内容',
  unreadable: (why: string) => `文件无法读取：${why}`,
  noTasks: '没有在文件中找到任务：未发现带编号的任务条目（如“一、”“(一)”“1.”）或任务分工表',
} as const;
