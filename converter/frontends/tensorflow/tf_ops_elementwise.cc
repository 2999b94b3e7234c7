// Element-wise ops: binary arithmetic and comparisons (broadcasting like TFLite), unary math and
// activations, BiasAdd, FusedBatchNorm (inference: a per-channel MUL and ADD that
// fold_batch_norm folds into the convolution before it), Select and Cast.
#include <cmath>
#include <map>

#include "converter/frontends/tensorflow/tf_op_table.h"
#include "converter/frontends/tensorflow/tf_tensor.h"

namespace litescope {
namespace {

struct BinaryOp {
  tflite::BuiltinOperator op;
  bool boolean;  // the output is BOOL
};

const std::map<std::string, BinaryOp>& Binaries() {
  static const std::map<std::string, BinaryOp> kOps = {
      {"Add", {tflite::BuiltinOperator_ADD, false}},
      {"AddV2", {tflite::BuiltinOperator_ADD, false}},
      {"Sub", {tflite::BuiltinOperator_SUB, false}},
      {"Mul", {tflite::BuiltinOperator_MUL, false}},
      {"RealDiv", {tflite::BuiltinOperator_DIV, false}},
      {"Maximum", {tflite::BuiltinOperator_MAXIMUM, false}},
      {"Minimum", {tflite::BuiltinOperator_MINIMUM, false}},
      {"SquaredDifference", {tflite::BuiltinOperator_SQUARED_DIFFERENCE, false}},
      {"Pow", {tflite::BuiltinOperator_POW, false}},
      {"FloorDiv", {tflite::BuiltinOperator_FLOOR_DIV, false}},
      {"FloorMod", {tflite::BuiltinOperator_FLOOR_MOD, false}},
      {"Equal", {tflite::BuiltinOperator_EQUAL, true}},
      {"NotEqual", {tflite::BuiltinOperator_NOT_EQUAL, true}},
      {"Less", {tflite::BuiltinOperator_LESS, true}},
      {"LessEqual", {tflite::BuiltinOperator_LESS_EQUAL, true}},
      {"Greater", {tflite::BuiltinOperator_GREATER, true}},
      {"GreaterEqual", {tflite::BuiltinOperator_GREATER_EQUAL, true}},
      {"LogicalAnd", {tflite::BuiltinOperator_LOGICAL_AND, true}},
      {"LogicalOr", {tflite::BuiltinOperator_LOGICAL_OR, true}},
  };
  return kOps;
}

tflite::BuiltinOptionsUnion BinaryOptions(tflite::BuiltinOperator op) {
  switch (op) {
    case tflite::BuiltinOperator_ADD: return Options(tflite::AddOptionsT{});
    case tflite::BuiltinOperator_SUB: return Options(tflite::SubOptionsT{});
    case tflite::BuiltinOperator_MUL: return Options(tflite::MulOptionsT{});
    case tflite::BuiltinOperator_DIV: return Options(tflite::DivOptionsT{});
    default: return {};
  }
}

const std::map<std::string, tflite::BuiltinOperator>& Unaries() {
  static const std::map<std::string, tflite::BuiltinOperator> kOps = {
      {"Relu", tflite::BuiltinOperator_RELU},       {"Relu6", tflite::BuiltinOperator_RELU6},
      {"Elu", tflite::BuiltinOperator_ELU},         {"Sigmoid", tflite::BuiltinOperator_LOGISTIC},
      {"Tanh", tflite::BuiltinOperator_TANH},       {"Square", tflite::BuiltinOperator_SQUARE},
      {"Sqrt", tflite::BuiltinOperator_SQRT},       {"Rsqrt", tflite::BuiltinOperator_RSQRT},
      {"Exp", tflite::BuiltinOperator_EXP},         {"Log", tflite::BuiltinOperator_LOG},
      {"Abs", tflite::BuiltinOperator_ABS},         {"Neg", tflite::BuiltinOperator_NEG},
      {"Floor", tflite::BuiltinOperator_FLOOR},     {"Ceil", tflite::BuiltinOperator_CEIL},
      {"LogicalNot", tflite::BuiltinOperator_LOGICAL_NOT},
  };
  return kOps;
}

// A 1-D per-channel vector shaped to broadcast over NCHW's channel axis.
int ChannelVector(TfImporter& im, int v, bool nchw, int channels) { return nchw ? im.Reshape(v, {channels, 1, 1}) : v; }

}  // namespace

Status ConvertTfBinary(TfImporter& im) {
  const BinaryOp& b = Binaries().at(im.type());
  std::optional<tflite::TensorType> type;
  if (b.boolean) type = tflite::TensorType_BOOL;
  im.SetOutput(0, im.Emit(b.op, {im.In(0), im.In(1)}, BinaryOptions(b.op), type));
  return Status::Ok();
}

Status ConvertTfUnary(TfImporter& im) {
  im.SetOutput(0, im.Emit(Unaries().at(im.type()), {im.In(0)}));
  return Status::Ok();
}

Status ConvertTfLeakyRelu(TfImporter& im) {
  tflite::LeakyReluOptionsT o;
  o.alpha = im.Float("alpha", 0.2f);
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_LEAKY_RELU, {im.In(0)}, Options(o)));
  return Status::Ok();
}

Status ConvertTfSoftmax(TfImporter& im) {
  if (im.type() == "LogSoftmax") {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_LOG_SOFTMAX, {im.In(0)}, Options(tflite::LogSoftmaxOptionsT{})));
    return Status::Ok();
  }
  tflite::SoftmaxOptionsT o;
  o.beta = 1.0f;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SOFTMAX, {im.In(0)}, Options(o)));
  return Status::Ok();
}

Status ConvertTfBiasAdd(TfImporter& im) {
  int bias = im.In(1);
  if (IsNchw(im)) {
    Result<ir::Dims> s = im.Shape(bias);
    if (!s.ok()) return s.status();
    if (s->size() != 1) return im.Fail("the bias must be 1-D");
    Result<int> rank = im.Rank(im.In(0));
    if (!rank.ok()) return rank.status();
    ir::Dims shape(static_cast<size_t>(*rank - 1), 1);
    shape[0] = (*s)[0];
    bias = im.Reshape(bias, shape);
  }
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_ADD, {im.In(0), bias}, Options(tflite::AddOptionsT{})));
  return Status::Ok();
}

Status ConvertTfFusedBatchNorm(TfImporter& im) {
  if (im.Bool("is_training", true) && !im.IsConst(im.In(3)))
    return im.Fail("is_training is true (batch statistics); export the model for inference");
  Result<std::vector<float>> gamma = im.ConstFloats(im.In(1));
  Result<std::vector<float>> beta = im.ConstFloats(im.In(2));
  Result<std::vector<float>> mean = im.ConstFloats(im.In(3));
  Result<std::vector<float>> var = im.ConstFloats(im.In(4));
  for (const auto* r : {&gamma, &beta, &mean, &var})
    if (!r->ok()) return r->status().WithContext("scale, offset, mean and variance must be constants");
  const size_t c = gamma->size();
  if (beta->size() != c || mean->size() != c || var->size() != c) return im.Fail("scale, offset, mean and variance differ in length");
  const float eps = im.Float("epsilon", 1e-4f);
  std::vector<float> scale(c), shift(c);
  for (size_t i = 0; i < c; ++i) {
    scale[i] = (*gamma)[i] / std::sqrt((*var)[i] + eps);
    shift[i] = (*beta)[i] - (*mean)[i] * scale[i];
  }
  const bool nchw = IsNchw(im);
  const int channels = static_cast<int>(c);
  const int m = im.Emit(tflite::BuiltinOperator_MUL, {im.In(0), ChannelVector(im, im.ConstF32(scale), nchw, channels)}, Options(tflite::MulOptionsT{}));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_ADD, {m, ChannelVector(im, im.ConstF32(shift), nchw, channels)}, Options(tflite::AddOptionsT{})));
  return Status::Ok();
}

Status ConvertTfSelect(TfImporter& im) {
  const bool v2 = im.type() == "SelectV2";
  im.SetOutput(0, im.Emit(v2 ? tflite::BuiltinOperator_SELECT_V2 : tflite::BuiltinOperator_SELECT, {im.In(0), im.In(1), im.In(2)},
                          v2 ? Options(tflite::SelectV2OptionsT{}) : Options(tflite::SelectOptionsT{})));
  return Status::Ok();
}

Status ConvertTfCast(TfImporter& im) {
  Result<tflite::TensorType> to = TfTypeToTflite(im.DType("DstT"));
  if (!to.ok()) return im.Fail(to.status().message());
  tflite::CastOptionsT o;
  o.in_data_type = im.Val(im.In(0)).type;
  o.out_data_type = *to;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_CAST, {im.In(0)}, Options(o), *to));
  return Status::Ok();
}

}  // namespace litescope
