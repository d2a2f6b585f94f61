// Reads a GraphML or GEXF file with graphology-graphml / graphology-gexf (the parsers Gephi
// Lite uses) and prints what they understood as JSON, for the Python tests to compare
// against the projection. Usage: node read-graph.mjs graphml|gexf FILE
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Graph = require('graphology');
const parsers = { graphml: require('graphology-graphml'), gexf: require('graphology-gexf') };

const [format, file] = process.argv.slice(2);
if (!(format in parsers) || !file) {
  process.stderr.write('usage: node read-graph.mjs graphml|gexf FILE\n');
  process.exit(2);
}
const graph = parsers[format].parse(Graph, readFileSync(file, 'utf8'));
const nodes = {};
graph.forEachNode((key, attributes) => { nodes[key] = attributes; });
const edges = {};
graph.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
  edges[key] = { source, target, undirected, attributes };
});
process.stdout.write(JSON.stringify({
  type: graph.type, multi: graph.multi, order: graph.order, size: graph.size, nodes, edges,
}));
