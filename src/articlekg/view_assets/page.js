// articlekg view: draws the graph data embedded above with graphology + sigma.js, after a
// ForceAtlas2 layout from the fixed start positions the data carries (so the same file
// always draws the same picture). Everything it needs is in this file: no network.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const graph = new graphology.Graph({ type: "directed", multi: true });
  const structuralTypes = new Set(data.structuralTypes);
  const byId = new Map();
  for (const node of data.nodes) {
    byId.set(node.id, node);
    graph.addNode(node.id, {
      x: node.x,
      y: node.y,
      // Projection sizes run from 10 upwards (Gephi's scale); sigma wants pixels.
      size: 3 + (node.size - 10) * 0.45,
      label: node.label,
      color: node.color,
      nodeType: node.type,
    });
  }
  for (const edge of data.edges) {
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      edgeType: edge.type,
      structural: edge.structural,
      // Structural edges barely pull: the layout is the domain graph's, not a star.
      weight: edge.structural ? 0.05 : 1,
      color: edge.structural ? "#e4e4e4" : "#b8b8b8",
      size: 1,
      type: "arrow",
    });
  }

  const settings = forceAtlas2.inferSettings(graph);
  settings.barnesHutOptimize = graph.order > 1000;
  settings.edgeWeightInfluence = 1;
  forceAtlas2.assign(graph, {
    iterations: data.layoutIterations,
    getEdgeWeight: "weight",
    settings: settings,
  });

  const state = {
    structural: false,
    hiddenTypes: new Set(),
    selected: null,
    neighbours: new Set(),
    matches: null,
  };

  function nodeHidden(id) {
    const attributes = graph.getNodeAttributes(id);
    if (state.hiddenTypes.has(attributes.nodeType)) return true;
    return !state.structural && structuralTypes.has(attributes.nodeType);
  }

  const container = document.getElementById("graph");
  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 5,
    defaultEdgeType: "arrow",
    zIndex: true,
    nodeReducer: function (id, attributes) {
      const shown = Object.assign({}, attributes);
      if (nodeHidden(id)) {
        shown.hidden = true;
        return shown;
      }
      const focus = state.selected !== null ? state.neighbours : state.matches;
      if (focus !== null && !focus.has(id)) {
        shown.color = "#e8e8e8";
        shown.label = "";
        shown.zIndex = 0;
      } else if (focus !== null) {
        shown.zIndex = 1;
        shown.forceLabel = true;
      }
      if (id === state.selected) shown.highlighted = true;
      return shown;
    },
    edgeReducer: function (id, attributes) {
      const shown = Object.assign({}, attributes);
      if (attributes.structural && !state.structural) shown.hidden = true;
      if (state.selected !== null) {
        const touches = graph.source(id) === state.selected || graph.target(id) === state.selected;
        shown.color = touches ? "#555555" : "#f0f0f0";
      }
      return shown;
    },
  });

  // -- what is drawn (read by the tests, and shown in the header) ---------------------------
  function drawn() {
    let nodes = 0;
    let edges = 0;
    graph.forEachNode(function (id) {
      if (!renderer.getNodeDisplayData(id).hidden) nodes += 1;
    });
    graph.forEachEdge(function (id, _attributes, source, target) {
      const edge = renderer.getEdgeDisplayData(id);
      const ends = [renderer.getNodeDisplayData(source), renderer.getNodeDisplayData(target)];
      if (!edge.hidden && !ends[0].hidden && !ends[1].hidden) edges += 1;
    });
    return { nodes: nodes, edges: edges };
  }

  function showCounts() {
    const now = drawn();
    document.getElementById("counts").textContent =
      now.nodes + " of " + graph.order + " nodes · " + now.edges + " of " + graph.size + " edges";
  }

  function refresh() {
    renderer.refresh();
    showCounts();
  }

  // -- filters and legend ---------------------------------------------------------------
  const structuralBox = document.getElementById("structural");
  structuralBox.checked = state.structural;
  structuralBox.addEventListener("change", function () {
    state.structural = structuralBox.checked;
    refresh();
  });

  const legend = document.getElementById("legend");
  for (const type of data.types) {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = type.name;
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenTypes.delete(type.name);
      else state.hiddenTypes.add(type.name);
      refresh();
    });
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = type.color;
    const name = document.createElement("span");
    name.textContent = type.name;
    const count = document.createElement("span");
    count.className = "count";
    count.textContent = String(type.count);
    label.append(box, swatch, name, count);
    item.append(label);
    legend.append(item);
  }

  // -- the panel ------------------------------------------------------------------------
  const panel = document.getElementById("panel");

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function section(title, content) {
    panel.append(element("h3", title), content);
  }

  function list(items, className) {
    const made = element("ul");
    for (const item of items) made.append(element("li", item, className));
    return made;
  }

  function quoteBlock(quote) {
    const block = element("div", undefined, "quote");
    const section = quote.section && quote.section !== quote.articleLabel ? " · " + quote.section : "";
    const where = quote.articleLabel + section + " · offsets " + quote.start + "–" + quote.end;
    block.append(element("div", where, "where"));
    const sentence = element("blockquote");
    const from = quote.start - quote.sentenceStart;
    const to = from + quote.quote.length;
    sentence.append(
      document.createTextNode(quote.sentence.slice(0, from)),
      element("mark", quote.sentence.slice(from, to)),
      document.createTextNode(quote.sentence.slice(to))
    );
    block.append(sentence);
    return block;
  }

  function showPanel(id) {
    const node = byId.get(id);
    panel.replaceChildren();
    panel.hidden = false;
    panel.dataset.node = id;
    panel.append(element("h2", node.label));
    const types = element("ul");
    for (const type of node.types) {
      const item = element("li");
      const swatch = element("span", undefined, "swatch");
      swatch.style.background = (data.types.find((t) => t.name === type) || {}).color || "#fff";
      item.append(swatch, document.createTextNode(" " + type));
      types.append(item);
    }
    section("Types", types);
    if (node.otherLabels.length) section("Other labels", list(node.otherLabels));
    section("Identifiers", list(node.identifiers, "iri"));
    if (node.attributes.length) {
      const table = element("table");
      for (const pair of node.attributes) {
        const row = element("tr");
        row.append(element("td", pair[0]), element("td", pair[1]));
        table.append(row);
      }
      section("Attributes", table);
    }
    const links = element("ul", undefined, "links");
    graph.forEachEdge(id, function (edge, attributes, source, target) {
      if (attributes.structural && !state.structural) return;
      const other = source === id ? target : source;
      if (nodeHidden(other)) return;
      const item = element("li");
      const arrow = source === id ? attributes.edgeType + " → " : "← " + attributes.edgeType + " ";
      const link = element("a", byId.get(other).label);
      link.href = "#";
      link.dataset.node = other;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        focus(other);
      });
      item.append(document.createTextNode(arrow), link);
      links.append(item);
    });
    if (links.childElementCount) section("Links (" + links.childElementCount + ")", links);
    const quotes = element("div", undefined, "quotes");
    for (const quote of node.quotes) quotes.append(quoteBlock(quote));
    if (!node.quotes.length) quotes.append(element("p", "No quote: nothing in the text states this node."));
    section("Quotes (" + node.quotes.length + ")", quotes);
  }

  function select(id) {
    state.selected = id;
    state.neighbours = new Set(id === null ? [] : [id, ...graph.neighbors(id)]);
    if (id === null) panel.hidden = true;
    else showPanel(id);
    refresh();
  }

  renderer.on("clickNode", function (event) {
    select(event.node);
  });
  renderer.on("clickStage", function () {
    select(null);
  });

  // -- search ---------------------------------------------------------------------------
  const search = document.getElementById("search");
  const results = document.getElementById("results");

  function centre(id) {
    const position = renderer.getNodeDisplayData(id);
    renderer.getCamera().setState({ x: position.x, y: position.y, ratio: 0.15 });
  }

  function focus(id) {
    centre(id);
    select(id);
  }

  search.addEventListener("input", function () {
    const text = search.value.trim().toLowerCase();
    results.replaceChildren();
    if (!text) {
      state.matches = null;
      results.hidden = true;
      refresh();
      return;
    }
    const found = data.nodes.filter(function (node) {
      return !nodeHidden(node.id) &&
        [node.label, ...node.otherLabels].some((name) => name.toLowerCase().includes(text));
    });
    state.matches = new Set(found.map((node) => node.id));
    for (const node of found.slice(0, 30)) {
      const item = element("li", node.label + " (" + node.type + ")");
      item.dataset.node = node.id;
      item.addEventListener("click", function () {
        results.hidden = true;
        focus(node.id);
      });
      results.append(item);
    }
    results.hidden = found.length === 0;
    refresh();
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && results.firstChild) {
      results.hidden = true;
      focus(results.firstChild.dataset.node);
    }
  });

  showCounts();
  window.articlekgView = {
    centre: centre,
    drawn: drawn,
    focus: focus,
    overview: function () {
      renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    },
    // Where a node is on screen, in page pixels (for a test's mouse click).
    position: function (id) {
      const point = renderer.graphToViewport(graph.getNodeAttributes(id));
      const box = container.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
    ready: true,
  };
})();
