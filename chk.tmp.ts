import { loadConfig } from './core/config.ts';
import { classifierOptionsFromConfig, loadClassifier } from './pipeline/nlp/index.ts';
const o = { ...classifierOptionsFromConfig(loadConfig('config/mediawatch.yaml')), modelFile: process.argv[2] };
for (const [name, c] of [['conf', loadClassifier(o)], ['other', loadClassifier({ ...o, factsSheet: 'tests/nlp/fixtures/official-facts-other.json' })]] as const)
  for (const text of ['Đại hội Đảng bộ tỉnh Gia Lai năm nay kéo dài 4 ngày.', 'Dự Đại hội Đảng bộ tỉnh Gia Lai có 400 đại biểu.', 'Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại Trung tâm Hội nghị tỉnh.', 'Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI gồm 53 đồng chí.', 'Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 21/10/2020.', 'Ban Thường vụ Tỉnh ủy Gia Lai khóa 16 lên tận 17 người.', 'Đại hội tỉnh Gia Lai chỉ họp có ba ngày thôi.', 'Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10/2020.'])
    { const r = c.classify({ title: '', text }); console.log(name, r.congress, r.distortion, r.scores.distortion, text.slice(0, 50)); }
