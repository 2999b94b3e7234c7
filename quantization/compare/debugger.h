// The quantization debugger: the error of every layer of a quantized model against its float
// counterpart, over a dataset. Both models run with InterpreterOptions::keep_intermediates; each
// quantized activation is matched to a float tensor by name, else by graph position (same
// producing-op position and type among the non-QUANTIZE/DEQUANTIZE ops, same shape), dequantized
// and compared. RMSE/scale says how many quantization steps the layer is off: about 0.289
// (1/sqrt(12)) is pure rounding; above kFlagRmseOverScale a layer is flagged.
//
//   LayerDebugger d = LayerDebugger::Match(float_model, quant_model);
//   for (each sample) { fill and invoke both; d.Add(*float_it, *quant_it); }
//   for (const LayerComparison& l : d.Layers()) printf("%s %.3f\n", l.name.c_str(), l.rmse_over_scale);
#pragma once

#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/runtime/interpreter.h"
#include "quantization/compare/metrics.h"

namespace litescope {

inline constexpr double kIdealRmseOverScale = 0.288675;  // 1 / sqrt(12): uniform rounding error
inline constexpr double kFlagRmseOverScale = 0.7;

struct LayerComparison {
  std::string name;        // the quantized model's tensor
  std::string float_name;  // its float counterpart
  std::string op;          // the producing operator's type ("CONV_2D")
  int op_index = -1;       // the producing operator in the quantized model
  std::string matched_by;  // "name" or "position"
  Shape shape;
  int64_t elements = 0;    // per sample
  float scale = 0;         // the quantized tensor's scale; 0 when it is not quantized (a float layer)
  ErrorMetrics error;
  double rmse_over_scale = 0;
  bool flagged = false;    // rmse_over_scale > kFlagRmseOverScale
};

class LayerDebugger {
 public:
  // Pairs the quantized model's activations (outputs of operators other than QUANTIZE and
  // DEQUANTIZE, main subgraph) with float tensors.
  static LayerDebugger Match(const Model& float_model, const Model& quant_model);

  // Adds one sample: both interpreters invoked on it, created with keep_intermediates.
  void Add(const Interpreter& float_it, const Interpreter& quant_it);

  // Every matched layer, worst RMSE/scale first (float layers last, by RMSE).
  std::vector<LayerComparison> Layers() const;
  // Quantized tensors without a float counterpart: "name (OP #index): why".
  const std::vector<std::string>& unmatched() const { return unmatched_; }

 private:
  struct Pair {
    LayerComparison layer;
    int quant_tensor = -1, float_tensor = -1;
    ErrorAccumulator acc;
  };
  std::vector<Pair> pairs_;
  std::vector<std::string> unmatched_;
};

// The operators that are not QUANTIZE or DEQUANTIZE, in order: the positions layers match by.
std::vector<OperatorView> ComputeOps(const Model& model);

}  // namespace litescope
