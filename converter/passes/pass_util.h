// Small facts passes ask about the IR: constant integer vectors, who reads a value, a node's
// fused activation field.
#pragma once

#include <optional>
#include <vector>

#include "converter/ir/graph.h"

namespace litescope::passes {

// The elements of an INT32 or INT64 constant, or nullopt.
std::optional<std::vector<int32_t>> ConstInts(const ir::Graph& g, int value);

// True when `value` is read by exactly one node and is not a graph output.
bool OnlyFeeds(const ir::Graph& g, const std::vector<std::vector<int>>& consumers, int value);

// The fused_activation_function field of the node's options, or null when its op has none.
tflite::ActivationFunctionType* FusedActivation(ir::Node& n);

// Erases the nodes marked in `dead` (same size as g.nodes), keeping the order of the others.
void EraseNodes(ir::Graph& g, const std::vector<char>& dead);

// A one-input permutation as a constant INT32 vector value.
int PermConstant(ir::Graph& g, const std::vector<int32_t>& perm, const std::string& name);

}  // namespace litescope::passes
