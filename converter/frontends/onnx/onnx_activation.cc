// Single-input ONNX ops: activations and math functions, with decompositions where TFLite has
// no twin (HardSigmoid, Selu, Celu, Erf, Softplus, Shrink...).
#include <cmath>
#include <map>

#include "converter/frontends/onnx/onnx_op_table.h"

namespace litescope {
namespace {

int F(Importer& im, double v) { return im.Scalar(tflite::TensorType_FLOAT32, v); }

}  // namespace

Status ConvertUnary(Importer& im) {
  static const std::map<std::string, tflite::BuiltinOperator> kOps = {
      {"Abs", tflite::BuiltinOperator_ABS},         {"Ceil", tflite::BuiltinOperator_CEIL},
      {"Cos", tflite::BuiltinOperator_COS},         {"Exp", tflite::BuiltinOperator_EXP},
      {"Floor", tflite::BuiltinOperator_FLOOR},     {"HardSwish", tflite::BuiltinOperator_HARD_SWISH},
      {"Log", tflite::BuiltinOperator_LOG},         {"Neg", tflite::BuiltinOperator_NEG},
      {"Not", tflite::BuiltinOperator_LOGICAL_NOT}, {"Relu", tflite::BuiltinOperator_RELU},
      {"Round", tflite::BuiltinOperator_ROUND},     {"Sigmoid", tflite::BuiltinOperator_LOGISTIC},
      {"Sign", tflite::BuiltinOperator_SIGN},       {"Sin", tflite::BuiltinOperator_SIN},
      {"Sqrt", tflite::BuiltinOperator_SQRT},       {"Tanh", tflite::BuiltinOperator_TANH},
  };
  const int x = im.In(0);
  if (im.type() == "Relu" && im.TypeOf(x) != tflite::TensorType_FLOAT32) {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_MAXIMUM, {x, im.Scalar(im.TypeOf(x), 0)}));
    return Status::Ok();
  }
  im.SetOutput(0, im.Emit(kOps.at(im.type()), {x}));
  return Status::Ok();
}

Status ConvertReciprocal(Importer& im) {
  im.SetOutput(0, Div(im, F(im, 1.0), im.In(0)));
  return Status::Ok();
}

Status ConvertIdentity(Importer& im) {
  const int x = im.In(0);
  if (im.type() == "Dropout" && im.opset() < 7 && im.Int("is_test", 0) == 0) return im.Fail("training mode (is_test=0) is not supported");
  if (im.type() == "Dropout" && im.Has(2)) {
    Result<std::vector<int64_t>> training = im.ConstInts(im.In(2));
    if (!training.ok() || training->empty() || (*training)[0] != 0) return im.Fail("training mode is not supported");
  }
  if (im.type() == "Dropout" && im.HasOutput(1)) {
    // Inference: the mask is all true.
    Result<ir::Dims> s = im.Shape(x);
    if (!s.ok()) return s.status();
    size_t n = 1;
    for (int32_t d : *s) n *= static_cast<size_t>(d);
    im.SetOutput(1, im.Constant(tflite::TensorType_BOOL, *s, std::vector<uint8_t>(n, 1), "mask"));
  }
  im.SetOutput(0, x);
  return Status::Ok();
}

Status ConvertLeakyRelu(Importer& im) {
  tflite::LeakyReluOptionsT o;
  o.alpha = im.Float("alpha", 0.01f);
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_LEAKY_RELU, {im.In(0)}, Options(o)));
  return Status::Ok();
}

Status ConvertPRelu(Importer& im) {
  int slope = im.In(1);
  if (im.opset() < 7) {
    // PRelu-1/6: a 1-D slope of size C applies per channel (dimension 1), not NumPy-style.
    Result<ir::Dims> xs = im.Shape(im.In(0)), ss = im.Shape(slope);
    if (!xs.ok()) return xs.status();
    if (!ss.ok()) return ss.status();
    if (ss->size() == 1 && (*ss)[0] != 1 && xs->size() > 2) {
      if ((*xs)[1] != (*ss)[0]) return im.Fail("slope of size " + std::to_string((*ss)[0]) + " for " + std::to_string((*xs)[1]) + " channels");
      ir::Dims cs(xs->size() - 1, 1);
      cs[0] = (*ss)[0];
      slope = im.Reshape(slope, cs);
    }
  }
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_PRELU, {im.In(0), slope}));
  return Status::Ok();
}

Status ConvertClip(Importer& im) {
  const int x = im.In(0);
  const tflite::TensorType type = im.TypeOf(x);
  int lo = -1, hi = -1;
  if (im.opset() < 11) {
    if (im.Attr("min") != nullptr) lo = im.Scalar(type, im.Float("min", 0));
    if (im.Attr("max") != nullptr) hi = im.Scalar(type, im.Float("max", 0));
  } else {
    lo = im.In(1);
    hi = im.In(2);
  }
  // RELU / RELU6 / RELU_0_TO_1 when the bounds are the usual constants.
  if (type == tflite::TensorType_FLOAT32 && lo >= 0 && im.IsConst(lo) && (hi < 0 || im.IsConst(hi))) {
    Result<std::vector<float>> l = im.ConstFloats(lo);
    Result<std::vector<float>> h = hi >= 0 ? im.ConstFloats(hi) : Result<std::vector<float>>(std::vector<float>{});
    if (l.ok() && h.ok() && l->size() == 1 && (*l)[0] == 0.0f) {
      if (h->empty()) return im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RELU, {x})), Status::Ok();
      if (h->size() == 1 && (*h)[0] == 6.0f) return im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RELU6, {x})), Status::Ok();
      if (h->size() == 1 && (*h)[0] == 1.0f) return im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RELU_0_TO_1, {x})), Status::Ok();
    }
  }
  int y = x;
  if (lo >= 0) y = im.Emit(tflite::BuiltinOperator_MAXIMUM, {y, im.Cast(lo, type)});
  if (hi >= 0) y = im.Emit(tflite::BuiltinOperator_MINIMUM, {y, im.Cast(hi, type)});
  if (y == x) {
    Result<ir::Dims> s = im.Shape(x);
    if (!s.ok()) return s.status();
    y = im.Reshape(x, *s);
  }
  im.SetOutput(0, y);
  return Status::Ok();
}

Status ConvertHardSigmoid(Importer& im) {
  // max(0, min(1, alpha * x + beta))
  const int y = Add(im, Mul(im, im.In(0), F(im, im.Float("alpha", 0.2f))), F(im, im.Float("beta", 0.5f)));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RELU_0_TO_1, {y}));
  return Status::Ok();
}

Status ConvertElu(Importer& im) {
  const int x = im.In(0);
  const std::string& t = im.type();
  if (t == "Elu" && im.Float("alpha", 1.0f) == 1.0f) {
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_ELU, {x}));
    return Status::Ok();
  }
  // Elu:  max(x, 0) + alpha * (exp(min(x, 0)) - 1)
  // Selu: gamma * Elu(x; alpha)
  // Celu: max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)
  // Selu-1's defaults are the shorter constants of its time.
  const float alpha = im.Float("alpha", t != "Selu" ? 1.0f : im.opset() < 6 ? 1.6732f : 1.67326319217681884765625f);
  const int pos = im.Emit(tflite::BuiltinOperator_MAXIMUM, {x, F(im, 0)});
  int neg = im.Emit(tflite::BuiltinOperator_MINIMUM, {x, F(im, 0)});
  if (t == "Celu") neg = Mul(im, neg, F(im, 1.0 / alpha));
  const int e = Sub(im, im.Emit(tflite::BuiltinOperator_EXP, {neg}), F(im, 1));
  int y = Add(im, pos, Mul(im, e, F(im, alpha)));
  if (t == "Selu") y = Mul(im, y, F(im, im.Float("gamma", im.opset() < 6 ? 1.0507f : 1.05070102214813232421875f)));
  im.SetOutput(0, y);
  return Status::Ok();
}

Status ConvertGelu(Importer& im) {
  tflite::GeluOptionsT o;
  const std::string approx = im.Str("approximate", "none");
  if (approx != "none" && approx != "tanh") return im.Fail("approximate='" + approx + "' is not supported");
  o.approximate = approx == "tanh";
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_GELU, {im.In(0)}, Options(o)));
  return Status::Ok();
}

Status ConvertErf(Importer& im) {
  // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7):
  // erf(x) = sign(x) (1 - t (a1 + t (a2 + t (a3 + t (a4 + t a5)))) exp(-x^2)), t = 1 / (1 + p |x|).
  const int x = im.In(0);
  if (im.TypeOf(x) != tflite::TensorType_FLOAT32) return im.Fail("types other than float32 are not supported");
  const double a[] = {0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429};
  const int ax = im.Emit(tflite::BuiltinOperator_ABS, {x});
  const int t = Div(im, F(im, 1.0), Add(im, Mul(im, ax, F(im, 0.3275911)), F(im, 1.0)));
  int poly = F(im, a[4]);
  for (int i = 3; i >= 0; --i) poly = Add(im, Mul(im, poly, t), F(im, a[i]));
  poly = Mul(im, poly, t);
  const int e = im.Emit(tflite::BuiltinOperator_EXP, {im.Emit(tflite::BuiltinOperator_NEG, {im.Emit(tflite::BuiltinOperator_SQUARE, {x})})});
  const int y = Sub(im, F(im, 1.0), Mul(im, poly, e));
  im.SetOutput(0, Mul(im, y, im.Emit(tflite::BuiltinOperator_SIGN, {x})));
  return Status::Ok();
}

Status ConvertSoftmax(Importer& im) {
  const bool log = im.type() == "LogSoftmax";
  const int x = im.In(0);
  Result<ir::Dims> shape = im.Shape(x);
  if (!shape.ok()) return shape.status();
  const int rank = static_cast<int>(shape->size());
  auto apply = [&](int v) {
    if (log) return im.Emit(tflite::BuiltinOperator_LOG_SOFTMAX, {v}, Options(tflite::LogSoftmaxOptionsT{}));
    tflite::SoftmaxOptionsT o;
    o.beta = 1.0f;
    return im.Emit(tflite::BuiltinOperator_SOFTMAX, {v}, Options(o));
  };
  if (rank == 0) return im.Fail("scalar input");
  if (im.opset() < 13) {
    // Softmax over the input coerced to 2-D at `axis` (default 1).
    Result<int> axis = im.Axis(im.Int("axis", 1), rank);
    if (!axis.ok()) return axis.status();
    int32_t outer = 1, inner = 1;
    for (int d = 0; d < rank; ++d) (d < *axis ? outer : inner) *= (*shape)[static_cast<size_t>(d)];
    if (*axis == rank - 1) {
      im.SetOutput(0, apply(x));
    } else {
      im.SetOutput(0, im.Reshape(apply(im.Reshape(x, {outer, inner})), *shape));
    }
    return Status::Ok();
  }
  Result<int> axis = im.Axis(im.Int("axis", -1), rank);
  if (!axis.ok()) return axis.status();
  if (*axis == rank - 1) {
    im.SetOutput(0, apply(x));
    return Status::Ok();
  }
  std::vector<int> perm;
  for (int d = 0; d < rank; ++d) perm.push_back(d);
  std::swap(perm[static_cast<size_t>(*axis)], perm.back());
  im.SetOutput(0, im.Transpose(apply(im.Transpose(x, perm)), perm));
  return Status::Ok();
}

Status ConvertSoftplus(Importer& im) {
  const int x = im.In(0);
  if (im.type() == "Softsign") {
    im.SetOutput(0, Div(im, x, Add(im, im.Emit(tflite::BuiltinOperator_ABS, {x}), F(im, 1))));
    return Status::Ok();
  }
  // log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|)), without overflow.
  const int ax = im.Emit(tflite::BuiltinOperator_ABS, {x});
  const int l = im.Emit(tflite::BuiltinOperator_LOG, {Add(im, im.Emit(tflite::BuiltinOperator_EXP, {im.Emit(tflite::BuiltinOperator_NEG, {ax})}), F(im, 1))});
  im.SetOutput(0, Add(im, im.Emit(tflite::BuiltinOperator_MAXIMUM, {x, F(im, 0)}), l));
  return Status::Ok();
}

Status ConvertThresholdedRelu(Importer& im) {
  const int x = im.In(0);
  const int keep = im.Emit(tflite::BuiltinOperator_GREATER, {x, F(im, im.Float("alpha", 1.0f))});
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SELECT_V2, {keep, x, F(im, 0)}, Options(tflite::SelectV2OptionsT{})));
  return Status::Ok();
}

Status ConvertShrink(Importer& im) {
  const int x = im.In(0);
  const tflite::TensorType type = im.TypeOf(x);
  const float lambd = im.Float("lambd", 0.5f), bias = im.Float("bias", 0.0f);
  if (type != tflite::TensorType_FLOAT32) return im.Fail("types other than float32 are not supported");
  const int below = im.Emit(tflite::BuiltinOperator_LESS, {x, F(im, -lambd)});
  const int above = im.Emit(tflite::BuiltinOperator_GREATER, {x, F(im, lambd)});
  const int hi = im.Emit(tflite::BuiltinOperator_SELECT_V2, {above, Sub(im, x, F(im, bias)), F(im, 0)}, Options(tflite::SelectV2OptionsT{}));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SELECT_V2, {below, Add(im, x, F(im, bias)), hi}, Options(tflite::SelectV2OptionsT{})));
  return Status::Ok();
}

}  // namespace litescope
