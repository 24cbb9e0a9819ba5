/** How quality names its records when a photo is attached to them. */
export const photoMessages = {
  inspectionLabel: (kind: string, order: string, operation: string) => `${kind} ${order}「${operation}」`,
  scrapLabel: (label: string) => `报废申请 ${label}`,
};
