import type { Classification, Explanation, ItemClassifier } from '../../core/types.ts';

/** Between an item's text and its OCR text while they are scored together: a paragraph break. */
const JOIN = '\n\n';

/**
 * Scores title, text and the text read from the item's images as one document (a rumour is often
 * the screenshot, the post only says "look"), then points each explanation at the field it lies
 * in: passages past the text get field "ocr" with offsets into ocrText. A passage spanning the
 * join belongs to neither field and is dropped from the explanations (its weight stays in the score).
 */
export function classifyWithOcr(classifier: ItemClassifier, item: { title: string; text: string; kind?: string; ocrText?: string }): Classification {
  if (!item.ocrText) return classifier.classify({ title: item.title, text: item.text, kind: item.kind });
  const offset = item.text ? item.text.length + JOIN.length : 0;
  const text = item.text ? `${item.text}${JOIN}${item.ocrText}` : item.ocrText;
  const classification = classifier.classify({ title: item.title, text, kind: item.kind });
  const explanations = classification.explanations.flatMap((explanation): Explanation[] => {
    if (explanation.field !== 'text' || explanation.end <= item.text.length) return [explanation];
    if (explanation.start < offset) return [];
    return [{ ...explanation, field: 'ocr', start: explanation.start - offset, end: explanation.end - offset }];
  });
  return { ...classification, explanations };
}
