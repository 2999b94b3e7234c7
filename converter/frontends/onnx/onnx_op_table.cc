#include "converter/frontends/onnx/onnx_op_table.h"

#include <map>

namespace litescope {
namespace {

const std::map<std::string, OnnxConverter>& Table() {
  static const std::map<std::string, OnnxConverter> table = {
      {"Abs", ConvertUnary},
      {"Add", ConvertBinary},
      {"And", ConvertBinary},
      {"ArgMax", ConvertArgMinMax},
      {"ArgMin", ConvertArgMinMax},
      {"AveragePool", ConvertPool},
      {"BatchNormalization", ConvertBatchNorm},
      {"Cast", ConvertCast},
      {"CastLike", ConvertCast},
      {"Ceil", ConvertUnary},
      {"Celu", ConvertElu},
      {"Clip", ConvertClip},
      {"Concat", ConvertConcat},
      {"Constant", ConvertConstant},
      {"ConstantOfShape", ConvertConstantOfShape},
      {"Conv", ConvertConv},
      {"ConvTranspose", ConvertConvTranspose},
      {"Cos", ConvertUnary},
      {"CumSum", ConvertCumSum},
      {"DepthToSpace", ConvertDepthToSpace},
      {"Div", ConvertBinary},
      {"Dropout", ConvertIdentity},
      {"Einsum", ConvertEinsum},
      {"Elu", ConvertElu},
      {"Equal", ConvertBinary},
      {"Erf", ConvertErf},
      {"Exp", ConvertUnary},
      {"Expand", ConvertExpand},
      {"Flatten", ConvertFlatten},
      {"Floor", ConvertUnary},
      {"Gather", ConvertGather},
      {"GatherElements", ConvertGatherElements},
      {"GatherND", ConvertGatherNd},
      {"Gelu", ConvertGelu},
      {"Gemm", ConvertGemm},
      {"GlobalAveragePool", ConvertPool},
      {"GlobalMaxPool", ConvertPool},
      {"Greater", ConvertBinary},
      {"GreaterOrEqual", ConvertBinary},
      {"GRU", ConvertGru},
      {"HardSigmoid", ConvertHardSigmoid},
      {"HardSwish", ConvertUnary},
      {"Identity", ConvertIdentity},
      {"InstanceNormalization", ConvertInstanceNorm},
      {"LayerNormalization", ConvertLayerNorm},
      {"LeakyRelu", ConvertLeakyRelu},
      {"Less", ConvertBinary},
      {"LessOrEqual", ConvertBinary},
      {"Log", ConvertUnary},
      {"LogSoftmax", ConvertSoftmax},
      {"LRN", ConvertLrn},
      {"LSTM", ConvertLstm},
      {"MatMul", ConvertMatMul},
      {"Max", ConvertVariadic},
      {"MaxPool", ConvertPool},
      {"Mean", ConvertVariadic},
      {"Min", ConvertVariadic},
      {"Mod", ConvertMod},
      {"Mul", ConvertBinary},
      {"Neg", ConvertUnary},
      {"Not", ConvertUnary},
      {"Or", ConvertBinary},
      {"Pad", ConvertPad},
      {"Pow", ConvertBinary},
      {"PRelu", ConvertPRelu},
      {"Range", ConvertRange},
      {"Reciprocal", ConvertReciprocal},
      {"ReduceL1", ConvertReduce},
      {"ReduceL2", ConvertReduce},
      {"ReduceLogSum", ConvertReduce},
      {"ReduceLogSumExp", ConvertReduce},
      {"ReduceMax", ConvertReduce},
      {"ReduceMean", ConvertReduce},
      {"ReduceMin", ConvertReduce},
      {"ReduceProd", ConvertReduce},
      {"ReduceSum", ConvertReduce},
      {"ReduceSumSquare", ConvertReduce},
      {"Relu", ConvertUnary},
      {"Reshape", ConvertReshape},
      {"RNN", ConvertRnn},
      {"Resize", ConvertResize},
      {"Round", ConvertUnary},
      {"Selu", ConvertElu},
      {"Shape", ConvertShape},
      {"Shrink", ConvertShrink},
      {"Sigmoid", ConvertUnary},
      {"Sign", ConvertUnary},
      {"Sin", ConvertUnary},
      {"Size", ConvertSize},
      {"Slice", ConvertSlice},
      {"Softmax", ConvertSoftmax},
      {"Softplus", ConvertSoftplus},
      {"Softsign", ConvertSoftplus},
      {"SpaceToDepth", ConvertSpaceToDepth},
      {"Split", ConvertSplit},
      {"Sqrt", ConvertUnary},
      {"Squeeze", ConvertSqueeze},
      {"Sub", ConvertBinary},
      {"Sum", ConvertVariadic},
      {"Tanh", ConvertUnary},
      {"ThresholdedRelu", ConvertThresholdedRelu},
      {"Tile", ConvertTile},
      {"Transpose", ConvertTranspose},
      {"Trilu", ConvertTrilu},
      {"Unsqueeze", ConvertUnsqueeze},
      {"Upsample", ConvertResize},
      {"Where", ConvertWhere},
      {"Xor", ConvertBinary},
  };
  return table;
}

}  // namespace

OnnxConverter FindOnnxConverter(const std::string& op_type) {
  auto it = Table().find(op_type);
  return it == Table().end() ? nullptr : it->second;
}

std::vector<std::string> OnnxClaimedOps() {
  std::vector<std::string> ops;
  for (const auto& [name, f] : Table()) ops.push_back(name);
  return ops;
}

}  // namespace litescope
