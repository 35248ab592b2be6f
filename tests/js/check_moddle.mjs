// Import each BPMN file given on argv with bpmn-moddle (the parser of bpmn.io /
// Camunda Modeler) and print JSON {file: [warning messages]} on stdout.
// A file that fails to import entirely gets ["ERROR: <message>"].
import { readFile } from 'node:fs/promises';
import { BpmnModdle } from 'bpmn-moddle';

const moddle = new BpmnModdle();
const result = {};
for (const file of process.argv.slice(2)) {
  try {
    const xml = await readFile(file, 'utf8');
    const { warnings } = await moddle.fromXML(xml);
    result[file] = warnings.map((w) => String(w.message));
  } catch (err) {
    result[file] = [`ERROR: ${err.message}`];
  }
}
process.stdout.write(JSON.stringify(result, null, 1));
