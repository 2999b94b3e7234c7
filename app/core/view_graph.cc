#include "app/core/view_graph.h"

#include <variant>

#include "engine/model/options.h"
#include "engine/model/summary.h"
#include "engine/model/tensor_type.h"

namespace litescope {

std::string TensorLabel(const TensorView& t) {
  std::vector<int32_t> shape(t.shape().begin(), t.shape().end());
  std::vector<int32_t> signature(t.shape_signature().begin(), t.shape_signature().end());
  std::string text = t.has_rank() || !shape.empty() ? ShapeText(shape, signature) : "?";
  return text + " " + TensorTypeName(t.type());
}

std::vector<int> CalledSubgraphs(const OperatorView& op) {
  std::vector<int> called;
  for (const OptionField& f : DecodeOptions(op)) {
    if (f.name.find("subgraph_index") == std::string::npos) continue;
    if (const auto* i = std::get_if<int64_t>(&f.value)) called.push_back(static_cast<int>(*i));
    if (const auto* v = std::get_if<std::vector<int64_t>>(&f.value))
      for (int64_t i : *v) called.push_back(static_cast<int>(i));
  }
  return called;
}

namespace {

GraphNode TensorNode(GraphNode::Kind kind, const TensorView& t, const char* category) {
  GraphNode n;
  n.kind = kind;
  n.tensor = t.index();
  n.title = std::string(t.name());
  n.subtitle = TensorLabel(t);
  n.category = category;
  return n;
}

}  // namespace

ViewGraph BuildViewGraph(const Model& model, int subgraph, const ViewGraphOptions& options,
                         const std::function<std::string(const std::string&)>& category_of) {
  const SubgraphView sg = model.subgraph(subgraph);
  ViewGraph g;
  g.subgraph = subgraph;
  // producer[t]: the node whose output tensor t is, or -1.
  std::vector<int> producer(static_cast<size_t>(sg.tensor_count()), -1);
  auto add_edge = [&](int from, int to, int tensor) {
    g.edges.push_back({from, to, tensor, TensorLabel(sg.tensor(tensor))});
  };

  for (int32_t t : sg.inputs()) {
    producer[static_cast<size_t>(t)] = static_cast<int>(g.nodes.size());
    g.nodes.push_back(TensorNode(GraphNode::Kind::kInput, sg.tensor(t), "Input"));
  }
  g.node_of_op.resize(static_cast<size_t>(sg.operator_count()));
  for (int i = 0; i < sg.operator_count(); ++i) {
    const OperatorView op = sg.op(i);
    const int id = static_cast<int>(g.nodes.size());
    g.node_of_op[static_cast<size_t>(i)] = id;
    GraphNode n;
    n.op = i;
    n.title = op.name();
    n.category = category_of ? category_of(n.title) : "Other";
    if (!op.outputs().empty() && op.outputs()[0] >= 0) n.subtitle = std::string(sg.tensor(op.outputs()[0]).name());
    n.subgraphs = CalledSubgraphs(op);
    g.nodes.push_back(std::move(n));
    for (int32_t t : op.inputs()) {
      if (t < 0) continue;
      const int from = producer[static_cast<size_t>(t)];
      if (from >= 0) {
        add_edge(from, id, t);
      } else if (options.show_constants && sg.tensor(t).is_constant()) {
        const int c = static_cast<int>(g.nodes.size());
        g.nodes.push_back(TensorNode(GraphNode::Kind::kConstant, sg.tensor(t), "Constant"));
        add_edge(c, id, t);
      } else {
        g.nodes[static_cast<size_t>(id)].folded.push_back(t);
      }
    }
    for (int32_t t : op.outputs())
      if (t >= 0) producer[static_cast<size_t>(t)] = id;
  }
  for (int32_t t : sg.outputs()) {
    const int id = static_cast<int>(g.nodes.size());
    g.nodes.push_back(TensorNode(GraphNode::Kind::kOutput, sg.tensor(t), "Output"));
    if (producer[static_cast<size_t>(t)] >= 0) add_edge(producer[static_cast<size_t>(t)], id, t);
  }
  return g;
}

}  // namespace litescope
