/**
 * Writes the two binary fixtures of test/fixtures/import/synthetic, so that they can be
 * read and changed as code: urban-renewal.xlsx (牵头单位 cells merged down, a date cell) and
 * campus-safety.docx (Word's automatic numbering, a w:vMerge unit cell).
 * Run: npx tsx test/importer/make-binary-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const DIR = new URL('../fixtures/import/synthetic/', import.meta.url).pathname;

async function urbanRenewal(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow(['XX市2025年城市更新重点任务分解表']); ws.mergeCells('A1:G1');
  ws.addRow(['序号', '重点任务', '工作目标', '责任领导', '牵头单位', '责任单位', '完成时限']);
  const sec = (t: string) => { const r = ws.addRow([t]); ws.mergeCells(`A${r.number}:G${r.number}`); };
  const row = (...c: (string | number | Date)[]) => ws.addRow(c).number;
  sec('一、老旧小区改造');
  const a = row(1, '推进城镇老旧小区改造', '新开工改造老旧小区120个，惠及居民1.5万户', '张XX', '市住房和城乡建设局', '各区人民政府', '2025.12');
  row(2, '加装电梯', '既有住宅加装电梯200部', '张XX', '', '各区人民政府、市市场监管局', '2025年11月底前');
  ws.mergeCells(`E${a}:E${a + 1}`);
  row(3, '完善小区配套设施', '同步建设养老、托育、停车等配套设施', '张XX', '市住房和城乡建设局', '市民政局、市卫生健康委、市公安局交警支队', '长期坚持');
  sec('二、城中村改造');
  row(4, '启动城中村改造项目', '年内启动城中村改造项目8个', '李XX', '市住房和城乡建设局', '市自然资源和规划局、市财政局', new Date(Date.UTC(2025, 11, 31)));
  row(5, '做好安置房建设', '新开工安置住房5000套，6月底前完成年度项目选址', '李XX', '市住房和城乡建设局', '各区人民政府', '2025年12月底前');
  sec('三、城市基础设施更新');
  const b = row(6, '更新改造老旧管网', '改造燃气、供水、排水等老旧管网300公里', '王XX', '市城市管理局', '市水务集团、市燃气集团', '2025年10月底前');
  row(7, '推进海绵城市建设', '新增海绵城市达标面积10平方公里', '王XX', '', '市住房和城乡建设局、各区人民政府', '2025年12月底前');
  row(8, '建设城市生命线安全工程', '完成城市生命线安全工程一期建设', '王XX', '', '市应急管理局、市住房和城乡建设局', '2025年9月30日前');
  ws.mergeCells(`E${b}:E${b + 2}`);
  row(9, '实施口袋公园建设', '新建口袋公园30个', '王XX', '市园林局', '各区人民政府', '每季度');
  sec('四、历史文化保护');
  row(10, '开展历史建筑普查', '完成全市历史建筑普查建档', '赵XX', '市自然资源和规划局', '市文化广电旅游局、市住房和城乡建设局', '2025年上半年');
  row(11, '活化利用历史街区', '打造历史文化街区2个', '赵XX', '市文化广电旅游局', '市商务局、相关区人民政府', '2025年12月底前');
  await wb.xlsx.writeFile(`${DIR}urban-renewal.xlsx`);
}

async function campusSafety(): Promise<void> {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const p = (t: string, numbered = false) => `<w:p>${numbered ? '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' : ''}<w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
  const c = (t: string, merge = '') => `<w:tc>${merge ? `<w:tcPr><w:vMerge${merge === 'restart' ? ' w:val="restart"' : ''}/></w:tcPr>` : ''}${p(t)}</w:tc>`;
  const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
  const body = [
    p('XX县教育体育局关于印发《XX县2025年校园安全专项整治工作方案》的通知'), p('X教体〔2025〕3号'), p('各中小学校、幼儿园：'),
    p('　　现将《XX县2025年校园安全专项整治工作方案》印发给你们，请认真贯彻落实。'), p('XX县教育体育局'), p('2025年3月12日'),
    p('XX县2025年校园安全专项整治工作方案'), p('一、工作目标'), p('　　全年不发生校园重大安全责任事故，校园安全隐患整改率达到100%。'),
    p('二、重点任务'),
    p('开展校舍安全隐患排查。4月底前完成全县中小学校舍安全排查。（县教体局牵头，县住建局配合）', true),
    p('加强校园食品安全管理。每学期开展一次食堂食品安全检查。（县教体局、县市场监管局负责）', true),
    p('强化校园周边治安防控。上下学时段“护学岗”设置率达到100%。（县公安局负责）', true),
    p('三、重点整治任务清单'),
    `<w:tbl>${tr(c('序号'), c('整治任务'), c('牵头单位'), c('配合单位'), c('完成时限'))}${tr(c('1'), c('消防设施更新改造'), c('县教体局', 'restart'), c('县消防救援大队'), c('2025年6月底前'))}${tr(c('2'), c('校车安全专项检查'), c('', 'continue'), c('县交通运输局、县公安局交警大队'), c('2025年9月1日前'))}${tr(c('3'), c('防溺水安全教育'), c('县教体局'), c('各乡镇人民政府'), c('2025年7月10日前'))}</w:tbl>`,
    p('四、保障措施'), p('（一）加强组织领导。成立专项整治工作领导小组。'), p('（二）强化督查考核。每月通报整治进展。（县教体局负责）'),
  ].join('');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>');
  zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`);
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  writeFileSync(`${DIR}campus-safety.docx`, await zip.generateAsync({ type: 'nodebuffer' }));
}

await urbanRenewal();
await campusSafety();
