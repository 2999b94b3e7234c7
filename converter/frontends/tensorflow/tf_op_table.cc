#include "converter/frontends/tensorflow/tf_op_table.h"

#include <map>

namespace litescope {
namespace {

const std::map<std::string, TfConverter>& Table() {
  static const std::map<std::string, TfConverter> kTable = {
      {"Conv2D", ConvertTfConv2D},
      {"DepthwiseConv2dNative", ConvertTfDepthwiseConv},
      {"Conv2DBackpropInput", ConvertTfConv2DBackpropInput},
      {"MatMul", ConvertTfMatMul},
      {"BatchMatMul", ConvertTfMatMul},
      {"BatchMatMulV2", ConvertTfMatMul},
      {"MaxPool", ConvertTfPool},
      {"AvgPool", ConvertTfPool},
      {"Add", ConvertTfBinary},
      {"AddV2", ConvertTfBinary},
      {"Sub", ConvertTfBinary},
      {"Mul", ConvertTfBinary},
      {"RealDiv", ConvertTfBinary},
      {"Maximum", ConvertTfBinary},
      {"Minimum", ConvertTfBinary},
      {"SquaredDifference", ConvertTfBinary},
      {"Pow", ConvertTfBinary},
      {"FloorDiv", ConvertTfBinary},
      {"FloorMod", ConvertTfBinary},
      {"Equal", ConvertTfBinary},
      {"NotEqual", ConvertTfBinary},
      {"Less", ConvertTfBinary},
      {"LessEqual", ConvertTfBinary},
      {"Greater", ConvertTfBinary},
      {"GreaterEqual", ConvertTfBinary},
      {"LogicalAnd", ConvertTfBinary},
      {"LogicalOr", ConvertTfBinary},
      {"Relu", ConvertTfUnary},
      {"Relu6", ConvertTfUnary},
      {"Elu", ConvertTfUnary},
      {"Sigmoid", ConvertTfUnary},
      {"Tanh", ConvertTfUnary},
      {"Square", ConvertTfUnary},
      {"Sqrt", ConvertTfUnary},
      {"Rsqrt", ConvertTfUnary},
      {"Exp", ConvertTfUnary},
      {"Log", ConvertTfUnary},
      {"Abs", ConvertTfUnary},
      {"Neg", ConvertTfUnary},
      {"Floor", ConvertTfUnary},
      {"Ceil", ConvertTfUnary},
      {"LogicalNot", ConvertTfUnary},
      {"LeakyRelu", ConvertTfLeakyRelu},
      {"Softmax", ConvertTfSoftmax},
      {"LogSoftmax", ConvertTfSoftmax},
      {"BiasAdd", ConvertTfBiasAdd},
      {"FusedBatchNorm", ConvertTfFusedBatchNorm},
      {"FusedBatchNormV2", ConvertTfFusedBatchNorm},
      {"FusedBatchNormV3", ConvertTfFusedBatchNorm},
      {"Select", ConvertTfSelect},
      {"SelectV2", ConvertTfSelect},
      {"Cast", ConvertTfCast},
      {"Mean", ConvertTfReduce},
      {"Sum", ConvertTfReduce},
      {"Max", ConvertTfReduce},
      {"Min", ConvertTfReduce},
      {"Prod", ConvertTfReduce},
      {"ArgMax", ConvertTfArgMinMax},
      {"ArgMin", ConvertTfArgMinMax},
      {"Reshape", ConvertTfReshape},
      {"Squeeze", ConvertTfSqueeze},
      {"ExpandDims", ConvertTfExpandDims},
      {"ConcatV2", ConvertTfConcat},
      {"Split", ConvertTfSplit},
      {"SplitV", ConvertTfSplit},
      {"Pack", ConvertTfPack},
      {"Unpack", ConvertTfUnpack},
      {"Transpose", ConvertTfTranspose},
      {"StridedSlice", ConvertTfStridedSlice},
      {"Slice", ConvertTfSlice},
      {"GatherV2", ConvertTfGather},
      {"Shape", ConvertTfShape},
      {"Fill", ConvertTfFill},
      {"Range", ConvertTfRange},
      {"Tile", ConvertTfTile},
      {"Pad", ConvertTfPad},
      {"PadV2", ConvertTfPad},
      {"MirrorPad", ConvertTfPad},
      {"ResizeBilinear", ConvertTfResize},
      {"ResizeNearestNeighbor", ConvertTfResize},
      {"SpaceToBatchND", ConvertTfSpaceBatch},
      {"BatchToSpaceND", ConvertTfSpaceBatch},
      {"DepthToSpace", ConvertTfDepthSpace},
      {"While", ConvertTfWhile},
      {"StatelessWhile", ConvertTfWhile},
      {"If", ConvertTfIf},
      {"StatelessIf", ConvertTfIf},
      {"SpaceToDepth", ConvertTfDepthSpace},
  };
  return kTable;
}

}  // namespace

TfConverter FindTfConverter(const std::string& op) {
  auto it = Table().find(op);
  return it == Table().end() ? nullptr : it->second;
}

std::vector<std::string> TfClaimedOps() {
  std::vector<std::string> ops;
  for (const auto& [name, f] : Table()) ops.push_back(name);
  return ops;
}

bool IsNchw(TfImporter& im) { return im.Str("data_format", "NHWC") == "NCHW"; }

int NchwToNhwc(TfImporter& im, int v) { return im.Transpose(v, {0, 2, 3, 1}); }

int NhwcToNchw(TfImporter& im, int v) { return im.Transpose(v, {0, 3, 1, 2}); }

Result<int> ConstI32Input(TfImporter& im, int input) {
  Result<std::vector<int64_t>> v = im.ConstInts(im.In(input));
  if (!v.ok()) return v.status();
  const ir::Value& src = im.Val(im.In(input));
  return im.ConstI32(std::vector<int32_t>(v->begin(), v->end()), src.shape);
}

}  // namespace litescope
