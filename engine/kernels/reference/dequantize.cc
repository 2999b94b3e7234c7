// DEQUANTIZE to FLOAT32: FLOAT16 exactly (how models store half-precision weights), and INT8,
// UINT8, INT16 as scale * (q - zero_point), per tensor, or per channel along the
// quantized_dimension for INT8/UINT8 with several scales (as in TFLite). A constant input is
// converted at every Eval, as TFLite does on its first Eval.
#include <limits>
#include <string>
#include <vector>

#include "engine/kernels/internal/element_type.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Dequantize : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 1 || ctx.output_count() != 1 || ctx.input(0) == nullptr) {
      return ctx.Error("needs one input and one output");
    }
    const Tensor& in = *ctx.input(0);
    if (ctx.output(0)->type != tflite::TensorType_FLOAT32) {
      return ctx.Error("output is " + std::string(tflite::EnumNameTensorType(ctx.output(0)->type)) +
                       "; it must be FLOAT32");
    }
    switch (in.type) {
      case tflite::TensorType_FLOAT16: break;
      case tflite::TensorType_INT8: LITESCOPE_RETURN_IF_ERROR(ReadQuantization<int8_t>(ctx, in)); break;
      case tflite::TensorType_UINT8: LITESCOPE_RETURN_IF_ERROR(ReadQuantization<uint8_t>(ctx, in)); break;
      case tflite::TensorType_INT16: LITESCOPE_RETURN_IF_ERROR(ReadQuantization<int16_t>(ctx, in)); break;
      default:
        return ctx.Error("input is " + std::string(tflite::EnumNameTensorType(in.type)) +
                         "; supported: INT8, UINT8, INT16, FLOAT16");
    }
    return ctx.ResizeOutput(0, in.shape);
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    float* y = ctx.output(0)->data<float>();
    const int64_t n = in.elements();
    if (in.type == tflite::TensorType_FLOAT16) {
      const Half* x = in.data<Half>();
      for (int64_t i = 0; i < n; ++i) y[i] = HalfToFloat(x[i].bits);
      return Status::Ok();
    }
    VisitElementType<int8_t, uint8_t, int16_t>(in.type, [&](auto tag) {
      const auto* x = in.data<decltype(tag)>();
      const int64_t channels = static_cast<int64_t>(scale_.size());
      for (int64_t i = 0; i < n; ++i) {
        const size_t c = channels == 1 ? 0 : static_cast<size_t>((i / inner_) % channels);
        // |q - zero_point| < 2^17 is exact in float, so this single rounding equals TFLite's
        // double-precision product rounded to float.
        y[i] = scale_[c] * static_cast<float>(static_cast<int32_t>(x[i]) - zero_point_[c]);
      }
    });
    return Status::Ok();
  }

 private:
  template <typename T>
  Status ReadQuantization(const OpContext& ctx, const Tensor& in) {
    const Quantization& q = in.quant;
    const std::string type = tflite::EnumNameTensorType(in.type);
    if (q.scale.empty()) return ctx.Error(type + " input has no quantization scale");
    if (q.zero_point.size() != q.scale.size()) {
      return ctx.Error(type + " input has " + std::to_string(q.scale.size()) + " scales and " +
                       std::to_string(q.zero_point.size()) + " zero points");
    }
    inner_ = 1;
    if (q.per_channel()) {
      if (in.type == tflite::TensorType_INT16)
        return ctx.Error("per-channel INT16 input is not supported (TFLite takes per-tensor INT16 only)");
      const int rank = static_cast<int>(in.shape.size());
      if (q.axis < 0 || q.axis >= rank) {
        return ctx.Error("quantized_dimension " + std::to_string(q.axis) + " is out of range for rank " +
                         std::to_string(rank));
      }
      const int32_t dim = in.shape[static_cast<size_t>(q.axis)];
      if (static_cast<int64_t>(q.scale.size()) != dim) {
        return ctx.Error(std::to_string(q.scale.size()) + " scales for " + std::to_string(dim) +
                         " channels along quantized_dimension " + std::to_string(q.axis));
      }
      for (size_t d = static_cast<size_t>(q.axis) + 1; d < in.shape.size(); ++d) inner_ *= in.shape[d];
    }
    if (in.type == tflite::TensorType_INT16 && q.zero_point[0] != 0) {
      return ctx.Error("INT16 zero point " + std::to_string(q.zero_point[0]) + " is not 0 (TFLite requires 0)");
    }
    zero_point_.clear();
    for (int64_t zp : q.zero_point) {
      if (zp < std::numeric_limits<T>::min() || zp > std::numeric_limits<T>::max()) {
        return ctx.Error("zero point " + std::to_string(zp) + " is out of range for " + type);
      }
      zero_point_.push_back(static_cast<int32_t>(zp));
    }
    scale_ = q.scale;
    return Status::Ok();
  }

  std::vector<float> scale_;
  std::vector<int32_t> zero_point_;
  int64_t inner_ = 1;  // elements after the quantized dimension
};

}  // namespace

std::unique_ptr<Kernel> MakeDequantize() { return Make<Dequantize>(); }

}  // namespace litescope
