// One small frozen GraphDef per mapped TensorFlow op (and per attribute that changes what it
// computes: masks, align_corners / half_pixel_centers, NCHW), converted by Convert() like the CLI
// does and run by our interpreter. Every expected value is worked out by hand here, from
// TensorFlow's definition of the op, never from the converter. The same converted files then run
// in real TFLite (../shared/oracle) when it is set up.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <set>

#include "converter/convert.h"
#include "converter/frontends/tensorflow/tf_op_table.h"
#include "converter/frontends/tflite/tflite_frontend.h"
#include "tests/converter/onnx/onnx_test_util.h"
#include "tests/converter/tensorflow/tf_test_util.h"
#include "tests/support/op_case.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT
using G = tfproto::GraphDef;
using tflite::TensorType_BOOL, tflite::TensorType_FLOAT32, tflite::TensorType_INT32, tflite::TensorType_INT64;

HostTensor F(std::vector<int32_t> shape, std::vector<float> v) { return MakeHost(TensorType_FLOAT32, std::move(shape), v); }
HostTensor I(std::vector<int32_t> shape, std::vector<int32_t> v) { return MakeHost(TensorType_INT32, std::move(shape), v); }
HostTensor B(std::vector<int32_t> shape, std::vector<uint8_t> v) { return MakeHost(TensorType_BOOL, std::move(shape), v); }
std::vector<float> Iota(int n) {
  std::vector<float> v;
  for (int i = 0; i < n; ++i) v.push_back(static_cast<float>(i));
  return v;
}

struct Want {
  tflite::TensorType type;
  std::vector<int32_t> shape;
  std::vector<double> values;
};
Want WF(std::vector<int32_t> shape, std::vector<double> v) { return {TensorType_FLOAT32, std::move(shape), std::move(v)}; }

// Inputs become Placeholders x0, x1, ...; `build` adds the op(s) reading them.
struct Case {
  std::string name;
  std::vector<HostTensor> inputs;
  std::function<void(G*)> build;
  std::vector<std::string> outputs;
  std::vector<Want> want;
  int max_transposes = 0;
};

tfproto::NodeDef* N(G* g, const std::string& op, const std::string& name, std::vector<std::string> in) { return testing::TfNode(g, op, name, std::move(in)); }

// op(x0, const ints) with an optional bool attribute: the shape of most index-taking ops.
std::function<void(G*)> WithInts(const std::string& op, std::vector<int64_t> dims, std::vector<int32_t> ints, const char* attr = nullptr,
                                 bool value = false) {
  return [=](G* g) {
    TfConstI(g, "c", dims, ints);
    tfproto::NodeDef* n = N(g, op, "y", {"x0", "c"});
    if (attr != nullptr) SetBool(n, attr, value);
  };
}

tfproto::NodeDef* StridedSlice(G* g, std::vector<int32_t> b, std::vector<int32_t> e, std::vector<int32_t> s) {
  const int64_t n = static_cast<int64_t>(b.size());
  TfConstI(g, "b", {n}, b);
  TfConstI(g, "e", {n}, e);
  TfConstI(g, "s", {n}, s);
  return N(g, "StridedSlice", "y", {"x0", "b", "e", "s"});
}

tfproto::NodeDef* Nchw(tfproto::NodeDef* n, std::vector<int64_t> strides = {1, 1, 1, 1}) {
  SetStr(n, "data_format", "NCHW");
  SetStr(n, "padding", "VALID");
  SetInts(n, "strides", strides);
  return n;
}

// x0 and two-channel batch-norm constants: y = (x - mean) / sqrt(var) * gamma + beta (epsilon 0).
std::vector<std::string> BatchNormInputs(G* g) {
  std::vector<std::string> in = {"x0"};
  for (auto [name, v] : {std::pair{"gamma", std::vector<float>{1, 2}}, {"beta", {0, 1}}, {"mean", {1, 3}}, {"var", {1, 4}}})
    in.push_back(TfConstF(g, name, {2}, v)->name());
  return in;
}

const std::vector<float> k23 = {1, 2, 3, 4, 5, 6};  // [2,3]

using NodeList = google::protobuf::RepeatedPtrField<tfproto::NodeDef>;

// A library function taking `args`, returning `rets` ("node:output_arg:index" or an argument),
// with the nodes `body` adds.
void Function(G* g, const std::string& name, std::vector<std::string> args, std::vector<std::string> rets,
              const std::function<void(NodeList*)>& body) {
  tfproto::FunctionDef* f = g->mutable_library()->add_function();
  f->mutable_signature()->set_name(name);
  for (const std::string& a : args) f->mutable_signature()->add_input_arg()->set_name(a);
  for (size_t i = 0; i < rets.size(); ++i) {
    const std::string out = "out" + std::to_string(i);
    f->mutable_signature()->add_output_arg()->set_name(out);
    (*f->mutable_ret())[out] = rets[i];
  }
  body(f->mutable_node_def());
}

tfproto::NodeDef* Call(G* g, const std::string& op, const std::string& name, std::vector<std::string> in,
                       std::vector<std::pair<std::string, std::string>> functions) {
  tfproto::NodeDef* n = N(g, op, name, std::move(in));
  for (const auto& [attr, f] : functions) (*n->mutable_attr())[attr].mutable_func()->set_name(f);
  return n;
}

// TensorFlow 2's while_v2 shape: y = While(i = 0, x0, w, n = 3) { i < n } { i + 1, x * 2 + w, w, n }
// with the weights w and the bound n handed back unchanged (they stay out of the loop).
void WhileLoop(G* g) {
  TfConstI(g, "i0", {}, {0});
  TfConstF(g, "w", {3}, {0.5f, -1, 2});
  TfConstI(g, "n", {}, {3});
  Call(g, "While", "y", {"i0", "x0", "w", "n"}, {{"cond", "cond"}, {"body", "body"}});
  Function(g, "cond", {"i", "x", "w", "n"}, {"lt:z:0"}, [](NodeList* b) { TfNodeDef(b, "Less", "lt", {"i", "n"}); });
  Function(g, "body", {"i", "x", "w", "n"}, {"i1:z:0", "x3:z:0", "w", "n"}, [](NodeList* b) {
    TfConst(b, "one", tfproto::DT_INT32, {}, std::vector<int32_t>{1});
    TfConst(b, "two", tfproto::DT_FLOAT, {}, std::vector<float>{2});
    TfNodeDef(b, "AddV2", "i1", {"i", "one:output:0"});
    TfNodeDef(b, "Mul", "x2", {"x", "two:output:0"});
    TfNodeDef(b, "AddV2", "x3", {"x2:z:0", "w"});
  });
}

// y = If(x1, x0, k) { relu(x) * k } { -x }, k = 10 a constant (held by the branches).
std::function<void(G*)> IfBranches(const std::string& op) {
  return [op](G* g) {
    TfConstF(g, "k", {}, {10});
    Call(g, op, "y", {"x1", "x0", "k"}, {{"then_branch", "then"}, {"else_branch", "else"}});
    Function(g, "then", {"x", "k"}, {"m:z:0"}, [](NodeList* b) {
      TfNodeDef(b, "Relu", "r", {"x"});
      TfNodeDef(b, "Mul", "m", {"r:activations:0", "k"});
    });
    Function(g, "else", {"x", "k"}, {"neg:y:0"}, [](NodeList* b) { TfNodeDef(b, "Neg", "neg", {"x"}); });
  };
}

// y = StatelessWhile(i = 0, x0) { i < 4 } { i + 1, StatelessIf(i % 2 == 0) { x + 1 } { x * 2 } }.
void WhileWithIf(G* g) {
  TfConstI(g, "i0", {}, {0});
  Call(g, "StatelessWhile", "y", {"i0", "x0"}, {{"cond", "cond"}, {"body", "body"}});
  Function(g, "cond", {"i", "x"}, {"lt:z:0"}, [](NodeList* b) {
    TfConst(b, "four", tfproto::DT_INT32, {}, std::vector<int32_t>{4});
    TfNodeDef(b, "Less", "lt", {"i", "four:output:0"});
  });
  Function(g, "body", {"i", "x"}, {"i1:z:0", "if:output:0"}, [](NodeList* b) {
    TfConst(b, "one", tfproto::DT_INT32, {}, std::vector<int32_t>{1});
    TfConst(b, "two", tfproto::DT_INT32, {}, std::vector<int32_t>{2});
    TfConst(b, "zero", tfproto::DT_INT32, {}, std::vector<int32_t>{0});
    TfNodeDef(b, "AddV2", "i1", {"i", "one:output:0"});
    TfNodeDef(b, "FloorMod", "mod", {"i", "two:output:0"});
    TfNodeDef(b, "Equal", "even", {"mod:z:0", "zero:output:0"});
    tfproto::NodeDef* n = TfNodeDef(b, "StatelessIf", "if", {"even:z:0", "x"});
    (*n->mutable_attr())["then_branch"].mutable_func()->set_name("plus_one");
    (*n->mutable_attr())["else_branch"].mutable_func()->set_name("twice");
  });
  Function(g, "plus_one", {"x"}, {"add:z:0"}, [](NodeList* b) {
    TfConst(b, "one", tfproto::DT_FLOAT, {}, std::vector<float>{1});
    TfNodeDef(b, "AddV2", "add", {"x", "one:output:0"});
  });
  Function(g, "twice", {"x"}, {"add:z:0"}, [](NodeList* b) { TfNodeDef(b, "AddV2", "add", {"x", "x"}); });
}

std::vector<Case> Cases() {
  std::vector<Case> c;
  // --- reductions (keep_dims both ways, negative axes) ---
  c.push_back({"Mean", {F({2, 3}, k23)}, WithInts("Mean", {1}, {1}), {"y"}, {WF({2}, {2, 5})}});
  c.push_back({"Sum", {F({2, 3}, k23)}, WithInts("Sum", {1}, {0}, "keep_dims", true), {"y"}, {WF({1, 3}, {5, 7, 9})}});
  c.push_back({"Max", {F({2, 3}, k23)}, WithInts("Max", {}, {-1}), {"y"}, {WF({2}, {3, 6})}});
  c.push_back({"Min", {F({2, 3}, {4, 2, 6, 1, 5, 3})}, WithInts("Min", {1}, {0}), {"y"}, {WF({3}, {1, 2, 3})}});
  c.push_back({"Prod", {F({2, 3}, k23)}, WithInts("Prod", {2}, {0, 1}, "keep_dims", true), {"y"}, {WF({1, 1}, {720})}});
  c.push_back({"ArgMax", {F({2, 3}, {1, 5, 3, 9, 2, 4})}, WithInts("ArgMax", {}, {1}), {"y"}, {{TensorType_INT64, {2}, {1, 0}}}});
  c.push_back({"ArgMin",
               {F({2, 3}, {1, 5, 3, 9, 2, 4})},
               [](G* g) {
                 TfConstI(g, "c", {}, {0});
                 SetType(N(g, "ArgMin", "y", {"x0", "c"}), "output_type", tfproto::DT_INT32);
               },
               {"y"},
               {{TensorType_INT32, {3}, {0, 1, 0}}}});
  // --- shapes ---
  c.push_back({"Squeeze", {F({1, 3, 1}, {1, 2, 3})}, [](G* g) { SetInts(N(g, "Squeeze", "y", {"x0"}), "squeeze_dims", {0, -1}); }, {"y"},
               {WF({3}, {1, 2, 3})}});
  c.push_back({"SqueezeAll", {F({1, 2, 1}, {1, 2})}, [](G* g) { N(g, "Squeeze", "y", {"x0"}); }, {"y"}, {WF({2}, {1, 2})}});
  c.push_back({"ExpandDims", {F({2, 3}, k23)}, WithInts("ExpandDims", {}, {-1}), {"y"}, {WF({2, 3, 1}, {1, 2, 3, 4, 5, 6})}});
  c.push_back({"ConcatV2",
               {F({2, 2}, {1, 2, 3, 4})},
               [](G* g) {
                 TfConstF(g, "k", {2, 1}, {9, 8});
                 TfConstI(g, "axis", {}, {-1});
                 N(g, "ConcatV2", "y", {"x0", "k", "axis"});
               },
               {"y"},
               {WF({2, 3}, {1, 2, 9, 3, 4, 8})}});
  c.push_back({"Split",
               {F({2, 4}, Iota(8))},
               [](G* g) {
                 TfConstI(g, "axis", {}, {1});
                 SetInt(N(g, "Split", "y", {"axis", "x0"}), "num_split", 2);
               },
               {"y:0", "y:1"},
               {WF({2, 2}, {0, 1, 4, 5}), WF({2, 2}, {2, 3, 6, 7})}});
  c.push_back({"SplitV",
               {F({5}, Iota(5))},
               [](G* g) {
                 TfConstI(g, "sizes", {2}, {2, -1});
                 TfConstI(g, "axis", {}, {0});
                 SetInt(N(g, "SplitV", "y", {"x0", "sizes", "axis"}), "num_split", 2);
               },
               {"y:0", "y:1"},
               {WF({2}, {0, 1}), WF({3}, {2, 3, 4})}});
  c.push_back({"Pack", {F({2}, {1, 2}), F({2}, {3, 4})}, [](G* g) { SetInt(N(g, "Pack", "y", {"x0", "x1"}), "axis", 1); }, {"y"},
               {WF({2, 2}, {1, 3, 2, 4})}});
  c.push_back({"Unpack",
               {F({2, 3}, k23)},
               [](G* g) {
                 tfproto::NodeDef* n = N(g, "Unpack", "y", {"x0"});
                 SetInt(n, "axis", -1);
                 SetInt(n, "num", 3);
               },
               {"y:0", "y:1", "y:2"},
               {WF({2}, {1, 4}), WF({2}, {2, 5}), WF({2}, {3, 6})}});
  c.push_back({"Transpose", {F({2, 3}, k23)}, WithInts("Transpose", {2}, {1, 0}), {"y"}, {WF({3, 2}, {1, 4, 2, 5, 3, 6})}, 1});
  // --- slicing: x0 = [3,4] of 0..11 ---
  c.push_back({"StridedSliceEndMaskStride", {F({3, 4}, Iota(12))},
               [](G* g) { SetInt(StridedSlice(g, {0, 1}, {0, 4}, {1, 2}), "end_mask", 1); }, {"y"}, {WF({3, 2}, {1, 3, 5, 7, 9, 11})}});
  c.push_back({"StridedSliceShrinkBeginMask", {F({3, 4}, Iota(12))},
               [](G* g) {
                 tfproto::NodeDef* n = StridedSlice(g, {1, 3}, {2, 4}, {1, 1});
                 SetInt(n, "shrink_axis_mask", 1);
                 SetInt(n, "begin_mask", 2);
               },
               {"y"}, {WF({4}, {4, 5, 6, 7})}});
  c.push_back({"StridedSliceEllipsisNegativeStride", {F({3, 4}, Iota(12))},
               [](G* g) { SetInt(StridedSlice(g, {0, -1}, {0, 0}, {1, -1}), "ellipsis_mask", 1); }, {"y"},
               {WF({3, 3}, {3, 2, 1, 7, 6, 5, 11, 10, 9})}});
  c.push_back({"StridedSliceNewAxis", {F({3, 4}, Iota(12))},
               [](G* g) { SetInt(StridedSlice(g, {0, 0}, {0, 2}, {1, 1}), "new_axis_mask", 1); }, {"y"},
               {WF({1, 2, 4}, {0, 1, 2, 3, 4, 5, 6, 7})}});
  c.push_back({"Slice",
               {F({3, 4}, Iota(12))},
               [](G* g) {
                 TfConstI(g, "b", {2}, {1, 1});
                 TfConstI(g, "s", {2}, {2, -1});
                 N(g, "Slice", "y", {"x0", "b", "s"});
               },
               {"y"},
               {WF({2, 3}, {5, 6, 7, 9, 10, 11})}});
  for (int axis : {0, 1}) {
    c.push_back({"GatherV2Axis" + std::to_string(axis),
                 {F({3, 2}, k23)},
                 [axis](G* g) {
                   TfConstI(g, "idx", {2}, {axis == 0 ? 2 : 1, 0});
                   TfConstI(g, "axis", {}, {axis});
                   N(g, "GatherV2", "y", {"x0", "idx", "axis"});
                 },
                 {"y"},
                 {axis == 0 ? WF({2, 2}, {5, 6, 1, 2}) : WF({3, 2}, {2, 1, 4, 3, 6, 5})}});
  }
  // --- padding ---
  const auto pad = [](const char* op, const char* mode) {
    return [=](G* g) {
      TfConstI(g, "p", {2, 2}, {1, 0, 0, 1});
      std::vector<std::string> in = {"x0", "p"};
      if (std::string(op) == "PadV2") in.push_back(TfConstF(g, "v", {}, {9})->name());
      tfproto::NodeDef* n = N(g, op, "y", in);
      if (mode != nullptr) SetStr(n, "mode", mode);
    };
  };
  c.push_back({"Pad", {F({2, 2}, {1, 2, 3, 4})}, pad("Pad", nullptr), {"y"}, {WF({3, 3}, {0, 0, 0, 1, 2, 0, 3, 4, 0})}});
  c.push_back({"PadV2", {F({2, 2}, {1, 2, 3, 4})}, pad("PadV2", nullptr), {"y"}, {WF({3, 3}, {9, 9, 9, 1, 2, 9, 3, 4, 9})}});
  c.push_back({"MirrorPadReflect", {F({2, 2}, {1, 2, 3, 4})}, pad("MirrorPad", "REFLECT"), {"y"}, {WF({3, 3}, {3, 4, 3, 1, 2, 1, 3, 4, 3})}});
  c.push_back({"MirrorPadSymmetric", {F({2, 2}, {1, 2, 3, 4})}, pad("MirrorPad", "SYMMETRIC"), {"y"},
               {WF({3, 3}, {1, 2, 2, 1, 2, 2, 3, 4, 4})}});
  // --- resizes of [[0, 1], [2, 3]]: out[i][j] = 2 * row_weight[i] + col_weight[j] ---
  struct Resize {
    const char* name;
    const char* op;
    const char* attr;
    int size;
    std::vector<double> w;  // the 1-D source coordinate per output index
  };
  for (const Resize& r : {Resize{"ResizeBilinear", "ResizeBilinear", nullptr, 4, {0, 0.5, 1, 1}},
                          Resize{"ResizeBilinearAlignCorners", "ResizeBilinear", "align_corners", 3, {0, 0.5, 1}},
                          Resize{"ResizeBilinearHalfPixel", "ResizeBilinear", "half_pixel_centers", 4, {0, 0.25, 0.75, 1}},
                          Resize{"ResizeNearest", "ResizeNearestNeighbor", nullptr, 3, {0, 0, 1}},
                          Resize{"ResizeNearestAlignCorners", "ResizeNearestNeighbor", "align_corners", 3, {0, 1, 1}},
                          Resize{"ResizeNearestHalfPixel", "ResizeNearestNeighbor", "half_pixel_centers", 3, {0, 1, 1}}}) {
    std::vector<double> want;
    for (double row : r.w)
      for (double col : r.w) want.push_back(2 * row + col);
    c.push_back({r.name, {F({1, 2, 2, 1}, {0, 1, 2, 3})}, WithInts(r.op, {2}, {r.size, r.size}, r.attr, true), {"y"}, {WF({1, r.size, r.size, 1}, want)}});
  }
  // --- element-wise ops the family tests in tf_frontend_test.cc leave out: a = {-3, 2, 4}, b = {2, 2, -1} ---
  struct Binary {
    const char* op;
    tflite::TensorType type;
    std::vector<double> want;
  };
  for (const Binary& b : {Binary{"Pow", TensorType_FLOAT32, {9, 4, 0.25}}, Binary{"SquaredDifference", TensorType_FLOAT32, {25, 0, 25}},
                          Binary{"FloorDiv", TensorType_FLOAT32, {-2, 1, -4}}, Binary{"FloorMod", TensorType_FLOAT32, {1, 0, 0}},
                          Binary{"Equal", TensorType_BOOL, {0, 1, 0}}, Binary{"NotEqual", TensorType_BOOL, {1, 0, 1}},
                          Binary{"Less", TensorType_BOOL, {1, 0, 0}}, Binary{"LessEqual", TensorType_BOOL, {1, 1, 0}},
                          Binary{"Greater", TensorType_BOOL, {0, 0, 1}}, Binary{"GreaterEqual", TensorType_BOOL, {0, 1, 1}}}) {
    c.push_back({b.op, {F({3}, {-3, 2, 4}), F({3}, {2, 2, -1})}, [op = b.op](G* g) { N(g, op, "y", {"x0", "x1"}); }, {"y"}, {{b.type, {3}, b.want}}});
  }
  for (const Binary& b : {Binary{"LogicalAnd", TensorType_BOOL, {1, 0, 0}}, Binary{"LogicalOr", TensorType_BOOL, {1, 1, 0}}}) {
    c.push_back({b.op, {B({3}, {1, 1, 0}), B({3}, {1, 0, 0})}, [op = b.op](G* g) { N(g, op, "y", {"x0", "x1"}); }, {"y"}, {{b.type, {3}, b.want}}});
  }
  c.push_back({"LogicalNot", {B({3}, {1, 0, 1})}, [](G* g) { N(g, "LogicalNot", "y", {"x0"}); }, {"y"}, {{TensorType_BOOL, {3}, {0, 1, 0}}}});
  c.push_back({"Ceil", {F({3}, {-1.5f, 0.2f, 3})}, [](G* g) { N(g, "Ceil", "y", {"x0"}); }, {"y"}, {WF({3}, {-1, 1, 3})}});
  for (const char* op : {"FusedBatchNorm", "FusedBatchNormV2"}) {
    c.push_back({op, {F({1, 1, 1, 2}, {2, 7})},
                 [op](G* g) {
                   SetFloat(N(g, op, "y", BatchNormInputs(g)), "epsilon", 0);
                 },
                 {"y"}, {WF({1, 1, 1, 2}, {1, 5})}});
  }
  // --- values from nothing, types, selection ---
  c.push_back({"Cast",
               {F({3}, {1.7f, -2.2f, 0})},
               [](G* g) { SetType(N(g, "Cast", "y", {"x0"}), "DstT", tfproto::DT_INT32); },
               {"y"},
               {{TensorType_INT32, {3}, {1, -2, 0}}}});
  c.push_back({"ShapeFill",
               {F({2, 3}, k23), F({}, {7})},
               [](G* g) {
                 N(g, "Shape", "shape", {"x0"});
                 N(g, "Fill", "y", {"shape", "x1"});
               },
               {"y"},
               {WF({2, 3}, {7, 7, 7, 7, 7, 7})}});
  c.push_back({"Range", {I({}, {2}), I({}, {11}), I({}, {3})}, [](G* g) { N(g, "Range", "y", {"x0", "x1", "x2"}); }, {"y"},
               {{TensorType_INT32, {3}, {2, 5, 8}}}});
  c.push_back({"SelectRows", {B({2}, {0, 1}), F({2, 2}, {1, 2, 3, 4})},
               [](G* g) { N(g, "Select", "y", {"x0", "x1", TfConstF(g, "k", {2, 2}, {9, 9, 9, 9})->name()}); }, {"y"},
               {WF({2, 2}, {9, 9, 3, 4})}});
  c.push_back({"SelectV2Broadcast", {B({2}, {1, 0}), F({2, 2}, {1, 2, 3, 4})},
               [](G* g) { N(g, "SelectV2", "y", {"x0", "x1", TfConstF(g, "k", {}, {9})->name()}); }, {"y"},
               {WF({2, 2}, {1, 9, 3, 9})}});
  c.push_back({"Tile", {F({1, 2}, {1, 2})}, WithInts("Tile", {2}, {2, 2}), {"y"}, {WF({2, 4}, {1, 2, 1, 2, 1, 2, 1, 2})}});
  c.push_back({"IdentityN",
               {F({2}, {1, 2}), F({2}, {3, 4})},
               [](G* g) {
                 N(g, "IdentityN", "id", {"x0", "x1"});
                 N(g, "Neg", "y", {"id:1"});
                 N(g, "Abs", "z", {"id"});
               },
               {"y", "z"},
               {WF({2}, {-3, -4}), WF({2}, {1, 2})}});
  // --- space / batch / depth: [1,2,1,1] {1,2} padded to width 2 -> batch (bh, bw) -> padded[bh][bw] ---
  const auto space_batch = [](const char* op, std::vector<int32_t> pads) {
    return [=](G* g) {
      TfConstI(g, "block", {2}, {2, 2});
      TfConstI(g, "pads", {2, 2}, pads);
      N(g, op, "y", {"x0", "block", "pads"});
    };
  };
  c.push_back({"SpaceToBatchND", {F({1, 2, 1, 1}, {1, 2})}, space_batch("SpaceToBatchND", {0, 0, 0, 1}), {"y"}, {WF({4, 1, 1, 1}, {1, 0, 2, 0})}});
  c.push_back({"BatchToSpaceND", {F({4, 1, 1, 1}, {1, 0, 2, 0})}, space_batch("BatchToSpaceND", {0, 0, 0, 1}), {"y"}, {WF({1, 2, 1, 1}, {1, 2})}});
  const auto depth_space = [](const char* op, const char* format) {
    return [=](G* g) {
      tfproto::NodeDef* n = N(g, op, "y", {"x0"});
      SetInt(n, "block_size", 2);
      if (format != nullptr) SetStr(n, "data_format", format);
    };
  };
  c.push_back({"DepthToSpace", {F({1, 1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8})}, depth_space("DepthToSpace", nullptr), {"y"},
               {WF({1, 2, 4, 1}, {1, 2, 5, 6, 3, 4, 7, 8})}});
  c.push_back({"SpaceToDepth", {F({1, 2, 4, 1}, {1, 2, 5, 6, 3, 4, 7, 8})}, depth_space("SpaceToDepth", nullptr), {"y"},
               {WF({1, 1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8})}});
  c.push_back({"DepthToSpaceNchw", {F({1, 4, 1, 2}, {1, 5, 2, 6, 3, 7, 4, 8})}, depth_space("DepthToSpace", "NCHW"), {"y"},
               {WF({1, 1, 2, 4}, {1, 2, 5, 6, 3, 4, 7, 8})}, 2});
  // --- transposed convolution: filter [kh, kw, out, in] ---
  struct Deconv {
    const char* name;
    std::vector<int32_t> sizes;
    std::vector<int64_t> filter_shape;
    std::vector<float> filter;
    HostTensor x;
    int stride;
    const char* padding;
    Want want;
  };
  for (const Deconv& d : {Deconv{"Conv2DBackpropInputValid", {1, 3, 3, 1}, {2, 2, 1, 1}, {1, 2, 3, 4}, F({1, 2, 2, 1}, {1, 2, 3, 4}), 1, "VALID",
                                 WF({1, 3, 3, 1}, {1, 4, 4, 6, 20, 16, 9, 24, 16})},
                          Deconv{"Conv2DBackpropInputStride2Same", {1, 4, 4, 1}, {2, 2, 1, 1}, {1, 2, 3, 4}, F({1, 2, 2, 1}, {1, 2, 3, 4}), 2,
                                 "SAME", WF({1, 4, 4, 1}, {1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16})},
                          Deconv{"Conv2DBackpropInputChannels", {1, 1, 1, 2}, {1, 1, 2, 2}, {1, 2, 3, 4}, F({1, 1, 1, 2}, {5, 6}), 1, "VALID",
                                 WF({1, 1, 1, 2}, {17, 39})}}) {
    c.push_back({d.name, {d.x},
                 [d](G* g) {
                   TfConstI(g, "sizes", {4}, d.sizes);
                   TfConstF(g, "w", d.filter_shape, d.filter);
                   tfproto::NodeDef* n = N(g, "Conv2DBackpropInput", "y", {"sizes", "w", "x0"});
                   SetStr(n, "padding", d.padding);
                   SetInts(n, "strides", {1, d.stride, d.stride, 1});
                 },
                 {"y"}, {d.want}});
  }
  // --- NCHW: conv -> bias -> max pool stays NCHW at the edges only (2 TRANSPOSEs) ---
  // --- functional control flow: WHILE and IF with their functions as subgraphs ---
  // 3 turns of x * 2 + w: 8 x + 7 w.
  c.push_back({"While", {F({3}, {1, 2, 3})}, WhileLoop, {"y:1", "y:0"}, {WF({3}, {11.5, 9, 38}), {TensorType_INT32, {}, {3}}}});
  c.push_back({"StatelessIf", {F({2}, {-1, 3}), F({}, {2})}, IfBranches("StatelessIf"), {"y"}, {WF({2}, {0, 30})}});  // 2 != 0: then
  c.push_back({"If", {F({2}, {-1, 3}), B({}, {0})}, IfBranches("If"), {"y"}, {WF({2}, {1, -3})}});
  // [1, -2] -> +1 -> *2 -> +1 -> *2 = [10, -2].
  c.push_back({"StatelessWhile", {F({2}, {1, -2})}, WhileWithIf, {"y:1"}, {WF({2}, {10, -2})}});
  c.push_back({"NchwConvBiasAddMaxPool",
               {F({1, 1, 2, 2}, {1, 2, 3, 4})},
               [](G* g) {
                 TfConstF(g, "w", {1, 1, 1, 2}, {1, -1});
                 Nchw(N(g, "Conv2D", "conv", {"x0", "w"}));
                 TfConstF(g, "b", {2}, {10, 20});
                 SetStr(N(g, "BiasAdd", "bias", {"conv", "b"}), "data_format", "NCHW");
                 SetInts(Nchw(N(g, "MaxPool", "y", {"bias"}), {1, 1, 2, 2}), "ksize", {1, 1, 2, 2});
               },
               {"bias", "y"},
               {WF({1, 2, 2, 2}, {11, 12, 13, 14, 19, 18, 17, 16}), WF({1, 2, 1, 1}, {14, 19})},
               4});
  c.push_back({"NchwDepthwiseAvgPoolBatchNorm",
               {F({1, 2, 1, 2}, {1, 2, 3, 4})},
               [](G* g) {
                 TfConstF(g, "w", {1, 1, 2, 1}, {2, -1});
                 Nchw(N(g, "DepthwiseConv2dNative", "dw", {"x0", "w"}));
                 SetInts(Nchw(N(g, "AvgPool", "pool", {"dw"}), {1, 1, 1, 2}), "ksize", {1, 1, 1, 2});
                 tfproto::NodeDef* bn = N(g, "FusedBatchNormV3", "bn", BatchNormInputs(g));
                 SetStr(bn, "data_format", "NCHW");
                 SetFloat(bn, "epsilon", 0);
               },
               {"pool", "bn"},
               // dw: channel 0 x2 = {2, 4}, channel 1 x-1 = {-3, -4}; bn: (x - mean) / sqrt(var) * gamma + beta
               {WF({1, 2, 1, 1}, {3, -3.5}), WF({1, 2, 1, 2}, {0, 1, 1, 2})},
               4});
  return c;
}

std::vector<double> Doubles(const HostTensor& t) {
  std::vector<double> v;
  for (size_t i = 0; i < t.bytes.size();) {
    switch (t.type) {
      case TensorType_FLOAT32: v.push_back(reinterpret_cast<const float*>(t.bytes.data())[i / 4]), i += 4; break;
      case TensorType_INT32: v.push_back(reinterpret_cast<const int32_t*>(t.bytes.data())[i / 4]), i += 4; break;
      case TensorType_INT64: v.push_back(static_cast<double>(reinterpret_cast<const int64_t*>(t.bytes.data())[i / 8])), i += 8; break;
      default: v.push_back(t.bytes[i]), i += 1; break;
    }
  }
  return v;
}

G Graph(const Case& c) {
  G g;
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    const HostTensor& in = c.inputs[i];
    const tfproto::DataType t = in.type == TensorType_FLOAT32 ? tfproto::DT_FLOAT : in.type == TensorType_INT32 ? tfproto::DT_INT32 : tfproto::DT_BOOL;
    TfPlaceholder(&g, "x" + std::to_string(i), std::vector<int64_t>(in.shape.begin(), in.shape.end()), t);
  }
  c.build(&g);
  return g;
}

struct Converted {
  std::unique_ptr<Model> model;
  ConvertResult result;
};

// The case's graph as frozen.pb -> Convert() (import, passes, writer) -> the written .tflite.
Converted ConvertCase(const Case& c) {
  const std::filesystem::path dir = TempDir("tf_op_" + c.name);
  ConvertOptions o;
  o.import.outputs = c.outputs;
  Result<ConvertResult> r = Convert(SaveProto(Graph(c), dir / "frozen.pb"), (dir / "out.tflite").string(), o);
  if (!r.ok()) {
    ADD_FAILURE() << c.name << ": " << r.status().message();
    return {};
  }
  return {LoadOrFail((dir / "out.tflite").string()), std::move(r).value()};
}

TEST(TensorFlowOps, EveryMappedOpComputesWhatTensorFlowDefines) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Converted conv = ConvertCase(c);
    if (conv.model == nullptr) continue;
    EXPECT_LE(conv.result.report.transposes, c.max_transposes);
    // The report counts the operators of every subgraph: WHILE; LESS; ADD, MUL, ADD.
    if (c.name == "While") EXPECT_EQ(std::pair(conv.result.report.subgraphs, conv.result.report.tflite_ops), std::pair(3, 5));
    Result<ir::Model> m = ImportTflite(*conv.model);
    ASSERT_TRUE(m.ok()) << m.status().message();
    Result<std::vector<HostTensor>> out = RunIr(*m, c.inputs);
    ASSERT_TRUE(out.ok()) << out.status().message();
    ASSERT_EQ(out->size(), c.want.size());
    for (size_t i = 0; i < c.want.size(); ++i) {
      const HostTensor& got = (*out)[i];
      EXPECT_EQ(got.type, c.want[i].type) << "output " << i;
      EXPECT_EQ(got.shape, c.want[i].shape) << "output " << i;
      const std::vector<double> v = Doubles(got);
      ASSERT_EQ(v.size(), c.want[i].values.size()) << "output " << i;
      for (size_t k = 0; k < v.size(); ++k) EXPECT_NEAR(v[k], c.want[i].values[k], 1e-5) << "output " << i << " [" << k << "]";
    }
  }
}

// Every mapped op is in the table above, and only the ones the table claims.
TEST(TensorFlowOps, EveryClaimedOpHasACase) {
  std::set<std::string> used;
  for (const Case& c : Cases()) {
    const G g = Graph(c);
    for (const tfproto::NodeDef& n : g.node()) used.insert(n.op());
  }
  const std::set<std::string> elsewhere = {  // tested in tf_frontend_test.cc
      "Conv2D", "MatMul", "BatchMatMul", "BatchMatMulV2", "Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "Relu", "Relu6",
      "Elu", "Sigmoid", "Tanh", "Square", "Sqrt", "Rsqrt", "Exp", "Log", "Abs", "Neg", "Floor", "LeakyRelu", "Softmax", "LogSoftmax",
      "BiasAdd", "Reshape"};
  std::vector<std::string> missing;
  for (const std::string& op : TfClaimedOps())
    if (!used.count(op) && !elsewhere.count(op)) missing.push_back(op);
  EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

// The same converted files in real TFLite.
TEST(TensorFlowOps, ConvertedCasesMatchRealTflite) {
  std::vector<Converted> models;
  std::vector<std::unique_ptr<OpCase>> cases;
  for (const Case& c : Cases()) {
    // The oracle's harness cannot read INT64 outputs back (tfjs hands them over as BigInt64Array):
    // ArgMax's default output type is checked against the hand values above only.
    if (std::any_of(c.want.begin(), c.want.end(), [](const Want& w) { return w.type == TensorType_INT64; })) continue;
    Converted conv = ConvertCase(c);
    if (conv.model == nullptr) continue;
    std::vector<NpyArray> inputs;
    for (const HostTensor& t : c.inputs) inputs.push_back({t.type, t.shape, t.bytes});
    cases.push_back(std::make_unique<OpCase>(c.name, ModelBuilder::FromModel(*conv.model), inputs));
    models.push_back(std::move(conv));
  }
  std::vector<OpCase*> raw;
  for (auto& c : cases) raw.push_back(c.get());
  ExpectMatchesTflite(raw, 1e-5);
}

}  // namespace
}  // namespace litescope
