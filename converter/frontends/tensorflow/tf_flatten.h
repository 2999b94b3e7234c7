// A TensorFlow graph made flat and small enough to translate: function calls
// (StatefulPartitionedCall, PartitionedCall, calls of library functions by name, nested) are
// inlined with their bodies' names prefixed by the call's name and their "node:output_arg:index"
// references resolved to plain "node:index" tensors; Identity-like ops (Identity, IdentityN,
// StopGradient, ReadVariableOp, ...) become aliases; control dependencies are dropped; the graph is
// pruned to what the outputs need and put in topological order. A cycle is an error naming a node.
//
//   Result<TfFlatGraph> flat = FlattenTfGraph(graph_def, {"x:0"}, {"StatefulPartitionedCall:0"});
//   for (const TfNode& n : flat->nodes) convert(n);   // n.inputs are "node:index" tensors
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "converter/frontends/tensorflow/proto/tf_graph.pb.h"
#include "engine/base/status.h"

namespace litescope {

struct TfNode {
  std::string name;  // prefixed with the names of the calls it was inlined through
  std::string op;
  std::vector<std::string> inputs;  // data inputs, "node:index", already resolved through aliases
  const tfproto::NodeDef* def = nullptr;  // attrs
};

struct TfFlatGraph {
  std::vector<TfNode> nodes;         // topological order, only what the outputs need
  std::vector<std::string> outputs;  // the requested outputs, resolved through aliases
};

// "name" -> "name:0"; "name:2" stays.
std::string CanonicalTensorName(const std::string& name);
// The node part of "node:index".
std::string TensorNode(const std::string& tensor);
int TensorIndex(const std::string& tensor);

// `inputs` (tensors that become graph inputs: traversal stops there) and `outputs` are
// "node:index" names in the top-level graph.
Result<TfFlatGraph> FlattenTfGraph(const tfproto::GraphDef& graph, const std::set<std::string>& inputs,
                                   const std::vector<std::string>& outputs);

// Library function `function` of `graph` (a While's cond or body, an If's branch) as a graph of
// its own: its nodes named "prefix/node", its arguments the inputs "prefix/arg:0" (returned in
// `args`, in order), its outputs in the function's order.
Result<TfFlatGraph> FlattenTfFunction(const tfproto::GraphDef& graph, const std::string& function, const std::string& prefix,
                                      std::vector<std::string>* args);

}  // namespace litescope
