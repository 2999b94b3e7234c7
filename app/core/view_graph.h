// The graph a person reads: one node per operator, one per model input and output, and one edge per
// (tensor, consumer) pair, labelled with the tensor's shape and dtype. Constant inputs (weights,
// biases) and variables are folded into their node unless `show_constants` asks for them as nodes.
// The view knows nothing of layout or painting; node indices in a ViewGraph are not operator
// indices (inputs come first), so use GraphNode::op to find the operator.
//
//   ViewGraph g = BuildViewGraph(model, /*subgraph=*/0, {});
//   for (const GraphNode& n : g.nodes) std::cout << n.title << "\n";   // "input", "CONV_2D", ...
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/model/model.h"

namespace litescope {

struct GraphNode {
  enum class Kind { kInput, kOperator, kConstant, kOutput };
  Kind kind = Kind::kOperator;
  int op = -1;      // operator index in the subgraph (kOperator)
  int tensor = -1;  // the tensor (kInput, kConstant, kOutput)
  std::string title;     // "CONV_2D", or the tensor name for inputs, outputs and constants
  std::string subtitle;  // the operator's first output tensor name, or the tensor's shape
  std::string category;  // op metadata category; "Input", "Output", "Constant" for the others
  std::vector<int> folded;      // constant and variable input tensors folded into this node
  std::vector<int> subgraphs;   // subgraphs this operator calls (WHILE, IF, CALL_ONCE, ...)
};

struct GraphEdge {
  int from = 0;  // node indices
  int to = 0;
  int tensor = 0;
  std::string label;  // "1x112x112x32 FLOAT32"
};

struct ViewGraph {
  int subgraph = 0;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  // Node index of operator i of the subgraph.
  std::vector<int> node_of_op;
};

struct ViewGraphOptions {
  bool show_constants = false;
};

// `subgraph` must be in range; categories come from `category_of` (op name -> category), which may
// be empty (every operator is then "Other").
ViewGraph BuildViewGraph(const Model& model, int subgraph, const ViewGraphOptions& options,
                         const std::function<std::string(const std::string&)>& category_of = {});

// "1x112x112x32 FLOAT32" (dynamic dimensions from the shape signature as "?").
std::string TensorLabel(const TensorView& t);

// Subgraph indices an operator calls, from its options (cond/body/then/else/init/... indices).
std::vector<int> CalledSubgraphs(const OperatorView& op);

}  // namespace litescope
