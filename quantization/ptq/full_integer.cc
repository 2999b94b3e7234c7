// Full-integer quantization (int8, and 16x8: int16 activations with int8 weights).
//
// Every float activation has up to two representations: the float value and a quantized one.
// A quantized op's outputs are quantized in place (same value, same name, new type); a float op's
// outputs stay float. When an op needs the other representation of an input, a QUANTIZE or
// DEQUANTIZE twin is created once, just before its first reader. The model's inputs and outputs
// take the requested I/O type, with boundary QUANTIZE/DEQUANTIZE ops that keep the original names
// on the model's side.
#include <algorithm>
#include <map>

#include "quantization/ptq/modes.h"
#include "quantization/ptq/op_rules.h"
#include "quantization/ptq/quant_params.h"

namespace litescope::quant {
namespace {

bool SameParams(const QuantParams& a, const QuantParams& b) { return a.scale == b.scale && a.zero_point == b.zero_point; }

class FullIntegerRewriter {
 public:
  FullIntegerRewriter(ir::Model& model, const QuantizeOptions& options, const Calibration& calibration,
                      const std::regex* keep_float, QuantizeReport* report)
      : m_(model), g_(model.main()), options_(options), calibration_(calibration), keep_float_(keep_float), report_(report),
        act_(options.mode == QuantMode::k16x8 ? tflite::TensorType_INT16 : tflite::TensorType_INT8),
        quantized_of_(g_.values.size(), -1), float_of_(g_.values.size(), -1), activation_(g_.values.size(), false) {
    for (size_t v = 0; v < g_.values.size(); ++v) {
      const ir::Value& x = g_.values[v];
      float_of_[v] = static_cast<int>(v);
      activation_[v] = x.type == tflite::TensorType_FLOAT32 && !x.is_constant() && !x.is_variable;
    }
  }

  Status Run();

 private:
  // A float activation of the float model (values the rewrite adds are not).
  bool IsActivation(int v) const { return static_cast<size_t>(v) < activation_.size() && activation_[static_cast<size_t>(v)]; }
  std::optional<QuantParams> Calibrated(int v) const {
    if (v < 0 || static_cast<size_t>(v) >= calibration_.ranges.size() || !calibration_.ranges[static_cast<size_t>(v)]) return std::nullopt;
    const TensorRange& r = *calibration_.ranges[static_cast<size_t>(v)];
    return ActivationParams(r.min, r.max, act_);
  }
  std::string WhyFloat(const ir::Node& n) const;
  int Grow(ir::Value v);
  // A quantized constant standing for float constant `like`.
  int Constant(int like, tflite::TensorType type, std::vector<uint8_t> bytes, QuantParams params) {
    const int id = AddQuantizedConstantLike(g_, like, type, std::move(bytes), std::move(params));
    quantized_of_.push_back(-1);
    float_of_.push_back(-1);
    return id;
  }
  int QuantizedUse(int v);
  int FloatUse(int v);
  int Requantized(int v, const QuantParams& p);
  int QuantizeWeights(int v, int axis);
  int QuantizeBias(int v, float input_scale, const std::vector<float>& weight_scales);
  int QuantizeOtherConstant(int v, const QuantParams* p);
  Status QuantizeNode(ir::Node n, const OpRule& rule);
  void Emit(ir::Node n) { nodes_.push_back(std::move(n)); }
  void AddConversion(tflite::BuiltinOperator op, int from, int to) {
    Emit({.op = op, .inputs = {from}, .outputs = {to}, .source = "quantizer"});
    ++(op == tflite::BuiltinOperator_QUANTIZE ? report_->quantize_ops_added : report_->dequantize_ops_added);
  }
  Status PrepareInputs();
  void FinishOutputs();

  ir::Model& m_;
  ir::Graph& g_;
  const QuantizeOptions& options_;
  const Calibration& calibration_;
  const std::regex* keep_float_;
  QuantizeReport* report_;
  tflite::TensorType act_;
  std::vector<int> quantized_of_, float_of_;  // by value: its quantized / float representation, -1: none yet
  std::vector<bool> activation_;              // by value of the float model: a float activation
  std::map<std::pair<int, int>, int> weights_cache_;
  std::vector<ir::Node> nodes_;
};

std::string FullIntegerRewriter::WhyFloat(const ir::Node& n) const {
  const OpRule* rule = FindOpRule(n.op);
  if (rule == nullptr) return "no quantized kernel for " + ir::NodeOpName(n);
  if (act_ == tflite::TensorType_INT16 && !rule->int16) return "no int16 kernel for " + ir::NodeOpName(n);
  if (KeptFloat(g_, n, keep_float_)) return "matches --keep-float";
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const int v = n.inputs[i];
    if (v < 0) continue;
    const ir::Value& x = g_.values[static_cast<size_t>(v)];
    const int at = static_cast<int>(i);
    if ((at == rule->weights || at == rule->bias) && !x.is_constant()) return "its weights or bias are not constant";
    if (at == rule->weights && (rule->channel_axis >= static_cast<int>(x.shape.size()) || x.type != tflite::TensorType_FLOAT32))
      return "its weights are not float of the expected rank";
    if (IsActivation(v) && !Calibrated(v)) return "no calibration range for tensor " + x.name;
  }
  for (int o : n.outputs)
    if (IsActivation(o) && rule->output == OutputRule::kCalibrated && !Calibrated(o))
      return "no calibration range for tensor " + g_.values[static_cast<size_t>(o)].name;
  return "";
}

int FullIntegerRewriter::Grow(ir::Value v) {
  const int id = g_.AddValue(std::move(v));
  quantized_of_.push_back(-1);
  float_of_.push_back(-1);
  return id;
}

int FullIntegerRewriter::QuantizedUse(int v) {
  if (quantized_of_[static_cast<size_t>(v)] >= 0) return quantized_of_[static_cast<size_t>(v)];
  ir::Value q = g_.values[static_cast<size_t>(v)];
  q.name += "_" + std::string(tflite::EnumNameTensorType(act_));
  q.type = act_;
  q.quant = *Calibrated(v);
  const int id = Grow(std::move(q));
  quantized_of_[static_cast<size_t>(v)] = id;
  AddConversion(tflite::BuiltinOperator_QUANTIZE, float_of_[static_cast<size_t>(v)], id);
  return id;
}

int FullIntegerRewriter::FloatUse(int v) {
  if (float_of_[static_cast<size_t>(v)] >= 0) return float_of_[static_cast<size_t>(v)];
  const int q = quantized_of_[static_cast<size_t>(v)];
  ir::Value f = g_.values[static_cast<size_t>(q)];
  f.name += "_float";
  f.type = tflite::TensorType_FLOAT32;
  f.quant = {};
  const int id = Grow(std::move(f));
  float_of_[static_cast<size_t>(v)] = id;
  AddConversion(tflite::BuiltinOperator_DEQUANTIZE, q, id);
  return id;
}

int FullIntegerRewriter::Requantized(int q, const QuantParams& p) {
  if (SameParams(g_.values[static_cast<size_t>(q)].quant, p)) return q;
  ir::Value r = g_.values[static_cast<size_t>(q)];
  r.name += "_requantized";
  r.quant = p;
  const int id = Grow(std::move(r));
  AddConversion(tflite::BuiltinOperator_QUANTIZE, q, id);
  return id;
}

int FullIntegerRewriter::QuantizeWeights(int v, int axis) {
  if (auto it = weights_cache_.find({v, axis}); it != weights_cache_.end()) return it->second;
  const ir::Value& x = g_.values[static_cast<size_t>(v)];
  QuantizedWeights w = quant::QuantizeWeights(x.as<float>(), x.shape, axis);
  const int id = Constant(v, tflite::TensorType_INT8, Int8Bytes(w.values), std::move(w.params));
  weights_cache_[{v, axis}] = id;
  return id;
}

int FullIntegerRewriter::QuantizeBias(int v, float input_scale, const std::vector<float>& weight_scales) {
  const ir::Value& x = g_.values[static_cast<size_t>(v)];
  const tflite::TensorType type = act_ == tflite::TensorType_INT16 ? tflite::TensorType_INT64 : tflite::TensorType_INT32;
  QuantParams p;
  std::vector<uint8_t> bytes = quant::QuantizeBias(x.as<float>(), x.elements(), input_scale, weight_scales, type, &p);
  return Constant(v, type, std::move(bytes), std::move(p));
}

// A float constant read as an activation (ADD's second operand, CONCATENATION's constant parts):
// its own range, or the parameters `p` the op imposes.
int FullIntegerRewriter::QuantizeOtherConstant(int v, const QuantParams* p) {
  const ir::Value& x = g_.values[static_cast<size_t>(v)];
  const float* d = x.as<float>();
  const auto [lo, hi] = std::minmax_element(d, d + std::max<int64_t>(x.elements(), 1));
  const QuantParams params = p ? *p : ActivationParams(x.elements() > 0 ? *lo : 0, x.elements() > 0 ? *hi : 0, act_);
  std::vector<uint8_t> bytes = QuantizeConstant(x, act_, params);
  return Constant(v, act_, std::move(bytes), params);
}

Status FullIntegerRewriter::QuantizeNode(ir::Node n, const OpRule& rule) {
  // The output's parameters first: a shared-scale op requantizes its inputs to them.
  std::optional<QuantParams> shared;
  if (rule.inputs_share_output) shared = Calibrated(n.outputs[0]);
  int first_activation = -1;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const int v = n.inputs[i];
    const int at = static_cast<int>(i);
    if (v < 0 || at == rule.weights || at == rule.bias) continue;
    const ir::Value& x = g_.values[static_cast<size_t>(v)];
    const bool float_constant = x.is_constant() && x.type == tflite::TensorType_FLOAT32;
    if (!float_constant && !IsActivation(v)) continue;
    int q;
    if (float_constant) {
      q = QuantizeOtherConstant(v, shared ? &*shared : nullptr);
    } else {
      q = QuantizedUse(v);
      if (shared) q = Requantized(q, *shared);
    }
    n.inputs[i] = q;
    if (first_activation < 0) first_activation = q;
  }
  if (rule.weights >= 0) {
    const int axis = options_.per_channel ? rule.channel_axis : -1;
    n.inputs[static_cast<size_t>(rule.weights)] = QuantizeWeights(n.inputs[static_cast<size_t>(rule.weights)], axis);
    const int bias = rule.bias < static_cast<int>(n.inputs.size()) ? n.inputs[static_cast<size_t>(rule.bias)] : -1;
    if (bias >= 0) {
      const float input_scale = g_.values[static_cast<size_t>(n.inputs[static_cast<size_t>(rule.activation)])].quant.scale[0];
      const std::vector<float> weight_scales = g_.values[static_cast<size_t>(n.inputs[static_cast<size_t>(rule.weights)])].quant.scale;
      n.inputs[static_cast<size_t>(rule.bias)] = QuantizeBias(bias, input_scale, weight_scales);
    }
  }
  for (int o : n.outputs) {
    if (!IsActivation(o) || rule.output == OutputRule::kNotQuantized) continue;
    QuantParams p;
    switch (rule.output) {
      case OutputRule::kCalibrated:
        p = shared ? *shared : *Calibrated(o);
        break;
      case OutputRule::kSameAsInput:
        if (first_activation < 0) return Internal("quantizing " + n.source + ": no quantized input to take parameters from");
        p = g_.values[static_cast<size_t>(first_activation)].quant;
        break;
      case OutputRule::kFixed:
        p.scale = {act_ == tflite::TensorType_INT16 ? rule.fixed_scale_16 : rule.fixed_scale_8};
        p.zero_point = {act_ == tflite::TensorType_INT16 ? 0 : rule.fixed_zero_point_8};
        break;
      case OutputRule::kNotQuantized:
        break;
    }
    ir::Value& out = g_.values[static_cast<size_t>(o)];
    out.type = act_;
    out.quant = std::move(p);
    quantized_of_[static_cast<size_t>(o)] = o;
    float_of_[static_cast<size_t>(o)] = -1;
  }
  Emit(std::move(n));
  ++report_->quantized_ops;
  return Status::Ok();
}

// Model inputs: INT8/INT16 I/O quantizes them in place; UINT8 I/O makes them UINT8 followed by a
// QUANTIZE to int8; FLOAT32 I/O leaves them float (QUANTIZE twins appear where needed).
Status FullIntegerRewriter::PrepareInputs() {
  for (int v : g_.inputs) {
    if (!IsActivation(v) || options_.io_type == tflite::TensorType_FLOAT32) continue;
    std::optional<QuantParams> p = Calibrated(v);
    if (!p) return InvalidArgument("no calibration range for model input " + g_.values[static_cast<size_t>(v)].name);
    ir::Value& in = g_.values[static_cast<size_t>(v)];
    if (options_.io_type == act_) {
      in.type = act_;
      in.quant = *p;
      quantized_of_[static_cast<size_t>(v)] = v;
      float_of_[static_cast<size_t>(v)] = -1;
      continue;
    }
    // UINT8: the same real values with the zero point moved by 128.
    ir::Value q = in;
    q.name += "_int8";
    q.type = act_;
    q.quant = *p;
    in.type = tflite::TensorType_UINT8;
    in.quant = *p;
    in.quant.zero_point[0] += 128;
    const int id = Grow(std::move(q));
    quantized_of_[static_cast<size_t>(v)] = id;
    float_of_[static_cast<size_t>(v)] = -1;
    AddConversion(tflite::BuiltinOperator_QUANTIZE, v, id);
  }
  return Status::Ok();
}

// Model outputs get the I/O type; the value on the model's side keeps the original name.
void FullIntegerRewriter::FinishOutputs() {
  std::map<int, int> replaced;
  for (int& v : g_.outputs) {
    if (quantized_of_[static_cast<size_t>(v)] != v) {  // still float (or not an activation)
      if (IsActivation(v) && options_.io_type != tflite::TensorType_FLOAT32)
        report_->warnings.push_back("output " + g_.values[static_cast<size_t>(v)].name + " stays FLOAT32: the op that writes it is not quantized");
      continue;
    }
    const int original = v;
    const std::string name = g_.values[static_cast<size_t>(v)].name;
    if (options_.io_type == act_) continue;
    g_.values[static_cast<size_t>(v)].name = name + "_" + tflite::EnumNameTensorType(act_);
    int boundary;
    if (options_.io_type == tflite::TensorType_FLOAT32) {
      boundary = FloatUse(v);
    } else {  // UINT8
      ir::Value u = g_.values[static_cast<size_t>(v)];
      u.type = tflite::TensorType_UINT8;
      u.quant.zero_point[0] += 128;
      boundary = Grow(std::move(u));
      AddConversion(tflite::BuiltinOperator_QUANTIZE, v, boundary);
    }
    g_.values[static_cast<size_t>(boundary)].name = name;
    v = boundary;
    replaced[original] = boundary;
  }
  for (ir::Signature& s : m_.signatures)
    for (auto& [name, id] : s.outputs)
      if (s.subgraph == 0 && replaced.count(id)) id = replaced[id];
}

Status FullIntegerRewriter::Run() {
  const std::vector<ir::Node> original = g_.nodes;
  LITESCOPE_RETURN_IF_ERROR(PrepareInputs());
  for (const ir::Node& n : original) {
    const OpRule* rule = FindOpRule(n.op);
    const bool touches_float = std::any_of(n.inputs.begin(), n.inputs.end(), [&](int v) { return v >= 0 && IsActivation(v); }) ||
                               std::any_of(n.outputs.begin(), n.outputs.end(), [&](int v) { return IsActivation(v); });
    const std::string why = WhyFloat(n);
    if (why.empty() && touches_float) {
      LITESCOPE_RETURN_IF_ERROR(QuantizeNode(n, *rule));
      continue;
    }
    ir::Node copy = n;
    for (int& v : copy.inputs)
      if (v >= 0 && float_of_[static_cast<size_t>(v)] != v) v = FloatUse(v);
    if (touches_float) report_->float_ops.push_back(NodeLabel(g_, n) + ": " + why);
    Emit(std::move(copy));
  }
  FinishOutputs();
  g_.nodes = std::move(nodes_);
  return Status::Ok();
}

}  // namespace

Status QuantizeFullInteger(ir::Model& model, const QuantizeOptions& options, const Calibration& calibration,
                           const std::regex* keep_float, QuantizeReport* report) {
  return FullIntegerRewriter(model, options, calibration, keep_float, report).Run();
}

}  // namespace litescope::quant
