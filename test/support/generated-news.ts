/**
 * Made-up news on AI-chip export controls, as many distinct stories as a test or benchmark needs:
 * the labelled fixtures hold only a few dozen clear positives.
 */
const SYLLABLES = ['ka', 'lo', 'ri', 'ven', 'tor', 'mi', 'sa', 'dun', 'pe', 'xo', 'lan', 'qui', 'bre', 'zo', 'ter', 'nu'];
const CHIPS = ['H20', 'H100', 'A800', 'MI308', 'B30A', 'H200'];
/** Cities, not the classifier's places: a shared one is a name, never a fact that would make two stories one event. */
const PLACES = ['Shenzhen', 'Dubai', 'Shanghai', 'Penang', 'Batam', 'Johor Bahru'];

/** A made-up company name, distinct for every n below 16³: "Kaloriven". */
function company(n: number): string {
  if (n < 0 || n >= 4_096) throw new RangeError(`company number ${n} out of range`);
  const name = Array.from({ length: 3 }, (_, i) => SYLLABLES[Math.floor(n / 16 ** i) % 16]).join('') + SYLLABLES[(n * 7 + 3) % 16];
  return name[0].toUpperCase() + name.slice(1);
}

/**
 * The n-th on-topic story (n below 2,048): four shapes in English, Portuguese and Spanish, each
 * naming two firms of its own and the value of its own shipments, so no two are near-identical
 * headlines or one event by their facts (they never cluster: event clustering tells events apart
 * by amounts, among other facts, and the firms' names are not canonical entities).
 */
export function onTopicStory(n: number): { title: string; summary: string; language: 'en' | 'pt' | 'es' } {
  const a = company(n);
  const b = company(4_095 - n);
  const chip = CHIPS[n % CHIPS.length];
  const place = PLACES[Math.floor(n / CHIPS.length) % PLACES.length];
  const millions = 101 + n;
  switch (n % 4) {
    case 0:
      return {
        language: 'en',
        title: `US adds ${a} Semiconductor and ${b} Technologies to Entity List over Nvidia ${chip} diversion`,
        summary: `The Commerce Department's Bureau of Industry and Security said ${a} and ${b} routed $${millions} million of export-controlled Nvidia ${chip} accelerators to China through ${place}, in breach of the AI chip export controls. Both firms now need a licence for any US technology.`,
      };
    case 1:
      return {
        language: 'en',
        title: `${a} Systems and ${b} Logistics executives charged with smuggling Nvidia ${chip} GPUs to China via ${place}`,
        summary: `Prosecutors say ${a} Systems and its partner ${b} Logistics falsified end-user certificates to evade US export controls on advanced AI chips, shipping ${chip} processors worth $${millions} million to Chinese buyers.`,
      };
    case 2:
      return {
        language: 'pt',
        title: `EUA restringem exportação de chips ${chip} da Nvidia para a China e incluem ${a} e ${b} na Entity List`,
        summary: `O Departamento de Comércio dos EUA ampliou os controles de exportação de chips de inteligência artificial: a ${a} e a ${b}, acusadas de desviar US$ ${millions} milhões em aceleradores ${chip} para a China por ${place}, precisam agora de licença.`,
      };
    default:
      return {
        language: 'es',
        title: `Estados Unidos sanciona a ${a} y ${b} por desviar chips ${chip} de Nvidia a China`,
        summary: `Washington añadió a ${a} y ${b} a la Entity List por eludir los controles de exportación de chips de inteligencia artificial y reenviar aceleradores ${chip} por valor de ${millions} millones de dólares a China desde ${place}.`,
      };
  }
}
