#include "engine/kernels/internal/hybrid_matrix.h"

#include <span>

#include "engine/kernels/internal/fixed_point.h"

namespace litescope {

namespace {

Status CheckHybridWeights(const OpContext& ctx, int input, const std::string& what) {
  const Tensor* t = ctx.input(input);
  const std::string name = "input " + std::to_string(input) + " (" + what + ")";
  if (t == nullptr) return ctx.Error(name + " is missing");
  if (t->type != tflite::TensorType_INT8) {
    return ctx.Error(name + " is " + tflite::EnumNameTensorType(t->type) + "; hybrid weights must be INT8");
  }
  // The row sums and dequantized copies are taken once at prepare, so the values must not change.
  if (!ctx.input_is_constant(input)) return ctx.Error(name + " must be constant (hybrid weights)");
  if (t->quant.scale.size() != 1) {
    return ctx.Error(name + " has " + std::to_string(t->quant.scale.size()) +
                     " scales; hybrid weights need one (per-channel hybrid weights are not implemented)");
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, t->quant.scale, name));
  if (!t->quant.zero_point.empty() && t->quant.zero_point[0] != 0) {
    return ctx.Error(name + " has zero point " + std::to_string(t->quant.zero_point[0]) +
                     "; hybrid weights must be symmetric (zero point 0)");
  }
  return Status::Ok();
}

}  // namespace

Status PrepareHybridMatrix(const OpContext& ctx, int input, const std::string& what, HybridMatrix* m) {
  LITESCOPE_RETURN_IF_ERROR(CheckHybridWeights(ctx, input, what));
  const Tensor& t = *ctx.input(input);
  m->data = t.data<int8_t>();
  m->depth = t.shape.empty() ? 1 : t.shape.back();
  m->rows = m->depth == 0 ? 0 : static_cast<int>(t.elements() / m->depth);
  m->scale = t.quant.scale[0];
  m->row_sums.assign(static_cast<size_t>(m->rows), 0);
  for (int u = 0; u < m->rows; ++u) {
    int32_t sum = 0;
    for (int k = 0; k < m->depth; ++k) sum += m->data[int64_t{u} * m->depth + k];
    m->row_sums[static_cast<size_t>(u)] = sum;
  }
  return Status::Ok();
}

Status DequantizeHybridWeights(const OpContext& ctx, int input, const std::string& what, std::vector<float>* out) {
  LITESCOPE_RETURN_IF_ERROR(CheckHybridWeights(ctx, input, what));
  const Tensor& t = *ctx.input(input);
  const float scale = t.quant.scale[0];
  out->resize(static_cast<size_t>(t.elements()));
  for (size_t i = 0; i < out->size(); ++i) (*out)[i] = static_cast<float>(t.data<int8_t>()[i]) * scale;
  return Status::Ok();
}

QuantizedRows::QuantizedRows(int rows, int depth)
    : rows_(rows), depth_(depth), q_(static_cast<size_t>(rows) * depth), params_(static_cast<size_t>(rows)) {}

void QuantizedRows::Quantize(const float* x, int64_t stride, bool asymmetric) {
  for (int r = 0; r < rows_; ++r) {
    const std::span<const float> row(x + r * stride, static_cast<size_t>(depth_));
    int8_t* q = q_.data() + int64_t{r} * depth_;
    params_[static_cast<size_t>(r)] = asymmetric ? AsymmetricQuantize(row, q) : SymmetricQuantize(row, q);
  }
}

void QuantizedRows::MultiplyAccumulate(const HybridMatrix& m, float* out, int64_t out_stride) const {
  for (int r = 0; r < rows_; ++r) {
    const int8_t* q = q_.data() + int64_t{r} * depth_;
    const InputQuantization& p = params_[static_cast<size_t>(r)];
    const float scale = p.scale * m.scale;
    float* o = out + r * out_stride;
    for (int u = 0; u < m.rows; ++u) {
      const int8_t* w = m.data + int64_t{u} * m.depth;
      int32_t dot = 0;
      for (int k = 0; k < depth_; ++k) dot += w[k] * q[k];
      dot -= m.row_sums[static_cast<size_t>(u)] * p.offset;  // offset 0 when symmetric
      o[u] += static_cast<float>(dot) * scale;
    }
  }
}

}  // namespace litescope
