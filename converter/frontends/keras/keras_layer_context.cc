#include "converter/frontends/keras/keras_layer_context.h"

#include <algorithm>

#include "converter/passes/infer_shapes.h"

namespace litescope::keras {
namespace {

std::string ShortName(const std::string& weight_name) {
  std::string s = weight_name;
  if (const size_t slash = s.rfind('/'); slash != std::string::npos) s = s.substr(slash + 1);
  if (const size_t colon = s.rfind(':'); colon != std::string::npos) s = s.substr(0, colon);
  return s;
}

std::string DimsText(const ir::Dims& d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
  return s + "]";
}

// numpy broadcasting of two static shapes; nullopt when either is unknown or they disagree.
std::optional<ir::Dims> Broadcast(const ir::Value& a, const ir::Value& b) {
  if (!a.static_shape() || !b.static_shape()) return std::nullopt;
  const size_t rank = std::max(a.shape.size(), b.shape.size());
  ir::Dims out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int32_t da = i < rank - a.shape.size() ? 1 : a.shape[i - (rank - a.shape.size())];
    const int32_t db = i < rank - b.shape.size() ? 1 : b.shape[i - (rank - b.shape.size())];
    if (da != db && da != 1 && db != 1) return std::nullopt;
    out[i] = da == 1 ? db : da;
  }
  return out;
}

}  // namespace

LayerContext::LayerContext(ir::Model& model, const ImportOptions& options, LayerInfo info,
                           std::function<std::string(const std::string&)> unique_name)
    : model_(model), options_(options), info_(std::move(info)), unique_name_(std::move(unique_name)) {}

Status LayerContext::Error(const std::string& message) const {
  return InvalidArgument("layer " + source() + ": " + message);
}

Status LayerContext::Unsupported(const std::string& message) const {
  return litescope::Unsupported("layer " + source() + ": " + message);
}

Status LayerContext::ExpectInputs(size_t count) const {
  if (info_.inputs.size() == count) return Status::Ok();
  return Error("takes " + std::to_string(count) + " input(s), the model gives it " + std::to_string(info_.inputs.size()));
}

const Weight* LayerContext::FindWeight(std::string_view short_name, int position) const {
  for (const Weight& w : info_.weights)
    if (ShortName(w.name) == short_name) return &w;
  // Positional fallback only when no weight of the layer carries a recognizable short name.
  const bool named = std::any_of(info_.weights.begin(), info_.weights.end(), [](const Weight& w) {
    const std::string s = ShortName(w.name);
    return s == "kernel" || s == "bias" || s == "gamma" || s == "beta" || s == "moving_mean" || s == "depthwise_kernel" ||
           s == "embeddings" || s == "alpha" || s == "mean" || s == "recurrent_kernel";
  });
  if (!named && position >= 0 && static_cast<size_t>(position) < info_.weights.size())
    return &info_.weights[static_cast<size_t>(position)];
  return nullptr;
}

Result<const Weight*> LayerContext::RequireWeight(std::string_view short_name, int position, size_t rank) const {
  const Weight* w = FindWeight(short_name, position);
  if (w == nullptr) return Error("has no saved weight " + std::string(short_name) + " (" +
                                 std::to_string(info_.weights.size()) + " weights saved for it)");
  if (w->shape.size() != rank)
    return Error("weight " + w->name + " has shape " + DimsText(w->shape) + ", rank " + std::to_string(rank) + " expected");
  return w;
}

std::vector<int> LayerContext::Ints(const char* key, size_t count, int fallback) const {
  std::vector<int> out(count, fallback);
  if (!config().contains(key) || config()[key].is_null()) return out;
  const nlohmann::json& v = config()[key];
  if (v.is_number()) {
    std::fill(out.begin(), out.end(), v.get<int>());
    return out;
  }
  if (v.size() != count) throw nlohmann::json::other_error::create(501, std::string(key) + " must have " + std::to_string(count) + " values", &v);
  for (size_t i = 0; i < count; ++i) out[i] = v[i].get<int>();
  return out;
}

std::string LayerContext::ValueName(const std::string& suffix) const {
  return unique_name_(suffix.empty() ? info_.name : info_.name + "/" + suffix);
}

int LayerContext::Constant(const std::string& suffix, ir::Dims shape, std::vector<float> data) {
  return graph().AddConstant(ValueName(suffix), tflite::TensorType_FLOAT32, std::move(shape), data);
}

int LayerContext::ConstantInt(const std::string& suffix, ir::Dims shape, std::vector<int32_t> data) {
  return graph().AddConstant(ValueName(suffix), tflite::TensorType_INT32, std::move(shape), data);
}

int LayerContext::Emit(tflite::BuiltinOperator op, tflite::BuiltinOptionsUnion options, std::vector<int> node_inputs,
                       const std::string& suffix, std::optional<ir::Dims> shape) {
  ir::Value out;
  out.name = ValueName(suffix.empty() ? tflite::EnumNameBuiltinOperator(op) : suffix);
  // Like the first activation input (TRANSPOSE_CONV starts with its INT32 output shape).
  out.type = tflite::TensorType_FLOAT32;
  for (int in : node_inputs) {
    if (in >= 0 && !value(in).is_constant()) {
      out.type = value(in).type;
      break;
    }
  }
  if (shape) {
    out.shape = *shape;
  } else {
    out.has_rank = false;
  }
  const int v = graph().AddValue(std::move(out));
  ir::Node n;
  n.op = op;
  n.options = std::move(options);
  n.inputs = std::move(node_inputs);
  n.outputs = {v};
  n.source = source();
  graph().AddNode(std::move(n));
  return v;
}

int LayerContext::Unary(tflite::BuiltinOperator op, int in, const std::string& suffix) {
  const ir::Value& x = value(in);
  std::optional<ir::Dims> shape;
  if (x.has_rank) shape = x.shape;
  return Emit(op, {}, {in}, suffix, shape);
}

namespace {

// Options of an arithmetic op with its fused activation.
template <typename OptionsT>
tflite::BuiltinOptionsUnion WithActivation(tflite::ActivationFunctionType act) {
  OptionsT o;
  o.fused_activation_function = act;
  return Options(o);
}

}  // namespace

int LayerContext::Binary(tflite::BuiltinOperator op, int a, int b, const std::string& suffix,
                         tflite::ActivationFunctionType act) {
  tflite::BuiltinOptionsUnion options;
  switch (op) {
    case tflite::BuiltinOperator_ADD: options = WithActivation<tflite::AddOptionsT>(act); break;
    case tflite::BuiltinOperator_SUB: options = WithActivation<tflite::SubOptionsT>(act); break;
    case tflite::BuiltinOperator_MUL: options = WithActivation<tflite::MulOptionsT>(act); break;
    case tflite::BuiltinOperator_DIV: options = WithActivation<tflite::DivOptionsT>(act); break;
    default: break;
  }
  return Emit(op, std::move(options), {a, b}, suffix, Broadcast(value(a), value(b)));
}

int LayerContext::Reshape(int in, const ir::Dims& new_shape, const std::string& suffix) {
  tflite::ReshapeOptionsT o;
  o.new_shape = new_shape;
  std::optional<ir::Dims> shape;
  if (std::none_of(new_shape.begin(), new_shape.end(), [](int32_t d) { return d < 0; })) shape = new_shape;
  return Emit(tflite::BuiltinOperator_RESHAPE, Options(o), {in, ShapeConstant(suffix + "_shape", new_shape)}, suffix, shape);
}

int LayerContext::Transpose(int in, const std::vector<int32_t>& perm, const std::string& suffix) {
  std::optional<ir::Dims> shape;
  const ir::Value& x = value(in);
  if (x.has_rank && x.shape.size() == perm.size()) {
    ir::Dims d(perm.size());
    for (size_t i = 0; i < perm.size(); ++i) d[i] = x.shape[static_cast<size_t>(perm[i])];
    shape = d;
  }
  const int p = ConstantInt(suffix + "_perm", {static_cast<int32_t>(perm.size())}, perm);
  return Emit(tflite::BuiltinOperator_TRANSPOSE, Options(tflite::TransposeOptionsT{}), {in, p}, suffix, shape);
}

Result<ir::Dims> LayerContext::Shape(int v) {
  if (value(v).static_shape()) return value(v).shape;
  // Prepare the graph built so far, ending at `v`, in the engine and keep every shape it finds.
  ir::Model probe = model_;
  probe.signatures.clear();
  probe.main().outputs = {v};
  Status s = InferShapes(probe);
  if (!s.ok()) return Error("cannot compute the shape of its input " + value(v).name + ": " + s.message());
  ir::Graph& g = graph();
  for (size_t i = 0; i < g.values.size() && i < probe.main().values.size(); ++i) {
    const ir::Value& found = probe.main().values[i];
    if (!g.values[i].static_shape() && found.static_shape() && found.has_rank) {
      g.values[i].shape = found.shape;
      g.values[i].has_rank = true;
    }
  }
  if (!value(v).static_shape()) return Error("cannot compute the shape of its input " + value(v).name);
  return value(v).shape;
}

std::optional<tflite::ActivationFunctionType> LayerContext::Fusable(const std::string& activation) {
  if (activation.empty() || activation == "linear") return tflite::ActivationFunctionType_NONE;
  if (activation == "relu") return tflite::ActivationFunctionType_RELU;
  if (activation == "relu6") return tflite::ActivationFunctionType_RELU6;
  // TANH is a valid fused activation in the schema, but no kernel here (and few in TFLite)
  // fuses it: it stays a TANH op.
  return std::nullopt;
}

Result<int> LayerContext::ApplyActivation(const std::string& act, int in) {
  using tflite::BuiltinOperator;
  if (act.empty() || act == "linear") return in;
  if (act == "relu") return Unary(tflite::BuiltinOperator_RELU, in, "relu");
  if (act == "relu6") return Unary(tflite::BuiltinOperator_RELU6, in, "relu6");
  if (act == "tanh") return Unary(tflite::BuiltinOperator_TANH, in, "tanh");
  if (act == "sigmoid") return Unary(tflite::BuiltinOperator_LOGISTIC, in, "sigmoid");
  if (act == "elu") return Unary(tflite::BuiltinOperator_ELU, in, "elu");
  if (act == "exponential") return Unary(tflite::BuiltinOperator_EXP, in, "exp");
  if (act == "hard_swish" || act == "hard_silu") return Unary(tflite::BuiltinOperator_HARD_SWISH, in, "hard_swish");
  if (act == "softmax") {
    tflite::SoftmaxOptionsT o;
    o.beta = 1.0f;
    return Emit(tflite::BuiltinOperator_SOFTMAX, Options(o), {in}, "softmax", value(in).has_rank ? std::optional(value(in).shape) : std::nullopt);
  }
  if (act == "log_softmax") {
    return Emit(tflite::BuiltinOperator_LOG_SOFTMAX, Options(tflite::LogSoftmaxOptionsT{}), {in}, "log_softmax",
                value(in).has_rank ? std::optional(value(in).shape) : std::nullopt);
  }
  if (act == "gelu") {
    tflite::GeluOptionsT o;
    o.approximate = false;  // keras.activations.gelu(approximate=False) is the default
    return Emit(tflite::BuiltinOperator_GELU, Options(o), {in}, "gelu", value(in).has_rank ? std::optional(value(in).shape) : std::nullopt);
  }
  if (act == "leaky_relu") {
    tflite::LeakyReluOptionsT o;
    o.alpha = 0.2f;  // keras.activations.leaky_relu's default negative_slope
    return Emit(tflite::BuiltinOperator_LEAKY_RELU, Options(o), {in}, "leaky_relu", value(in).has_rank ? std::optional(value(in).shape) : std::nullopt);
  }
  if (act == "swish" || act == "silu") {
    const int s = Unary(tflite::BuiltinOperator_LOGISTIC, in, "sigmoid");
    return Binary(tflite::BuiltinOperator_MUL, in, s, "swish");
  }
  if (act == "hard_sigmoid") {
    // Keras 2: clip(0.2 x + 0.5, 0, 1); Keras 3: relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1).
    const float slope = keras3() ? 1.0f / 6.0f : 0.2f;
    const int scaled = Binary(tflite::BuiltinOperator_MUL, in, ScalarConstant("hard_sigmoid_slope", slope), "hard_sigmoid_mul");
    const int shifted = Binary(tflite::BuiltinOperator_ADD, scaled, ScalarConstant("hard_sigmoid_offset", 0.5f), "hard_sigmoid_add");
    return Unary(tflite::BuiltinOperator_RELU_0_TO_1, shifted, "hard_sigmoid");
  }
  if (act == "softsign") {
    const int a = Unary(tflite::BuiltinOperator_ABS, in, "softsign_abs");
    const int d = Binary(tflite::BuiltinOperator_ADD, a, ScalarConstant("softsign_one", 1.0f), "softsign_add");
    return Binary(tflite::BuiltinOperator_DIV, in, d, "softsign");
  }
  if (act == "softplus") {
    // log(1 + exp(x)); overflows to inf for x > 88, as a naive float implementation does.
    const int e = Unary(tflite::BuiltinOperator_EXP, in, "softplus_exp");
    const int p = Binary(tflite::BuiltinOperator_ADD, e, ScalarConstant("softplus_one", 1.0f), "softplus_add");
    return Unary(tflite::BuiltinOperator_LOG, p, "softplus");
  }
  return Unsupported("activation " + act + " has no TFLite equivalent here");
}

Result<int> LayerContext::EmitWithActivation(
    tflite::BuiltinOperator op, const std::function<tflite::BuiltinOptionsUnion(tflite::ActivationFunctionType)>& options_with,
    std::vector<int> node_inputs, const std::string& suffix, const std::string& activation, std::optional<ir::Dims> shape) {
  const std::optional<tflite::ActivationFunctionType> fused = Fusable(activation);
  const int out = Emit(op, options_with(fused.value_or(tflite::ActivationFunctionType_NONE)), std::move(node_inputs), suffix, shape);
  if (fused) return out;
  return ApplyActivation(activation, out);
}

std::string ActivationName(const nlohmann::json& activation) {
  if (activation.is_null()) return "linear";
  std::string name;
  if (activation.is_string()) {
    name = activation.get<std::string>();
  } else if (activation.is_object()) {
    // Keras 3 serializes functions as {"module": "keras.activations", "class_name": "function",
    // "config": "relu", ...}; custom objects as {"class_name": "MyAct", ...}.
    if (activation.contains("config") && activation["config"].is_string()) {
      name = activation["config"].get<std::string>();
    } else if (activation.contains("class_name") && activation["class_name"].is_string()) {
      name = activation["class_name"].get<std::string>();
    }
  }
  if (const size_t dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
  return name;
}

}  // namespace litescope::keras
