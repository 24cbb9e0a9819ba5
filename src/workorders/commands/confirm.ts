/** 是/否 to a confirmation question; undefined for anything else, so the question is asked again. */
export function readYesNo(answer: string): boolean | undefined {
  const text = answer.trim();
  if (/^(是|是的|好|对|确认|确定|ok|y|yes)$/i.test(text)) return true;
  if (/^(否|不|不是|不用|算了|no|n)$/i.test(text)) return false;
  return undefined;
}
