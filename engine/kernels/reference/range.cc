// RANGE: start, start + delta, ... up to (not including) limit; the three inputs are scalars of one
// type (INT32, INT64 or FLOAT32). The length follows from their values: ceil(|limit - start| /
// |delta|). As in TFLite each element adds delta to the previous one (for floats this
// accumulates rounding exactly as TFLite does).
#include <cmath>
#include <cstdlib>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Range : public ValueShapedKernel {
 public:
  Range() : ValueShapedKernel({0, 1, 2}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 3, 1));
    const tflite::TensorType type = ctx.input(0)->type;
    const char* names[] = {"start", "limit", "delta"};
    for (int i = 0; i < 3; ++i) {
      LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(i), names[i], {tflite::TensorType_INT32, tflite::TensorType_INT64,
                                                                          tflite::TensorType_FLOAT32}));
      if (ctx.input(i)->type != type) return ctx.Error(std::string(names[i]) + " is " + TypeName(ctx.input(i)->type) + ", start is " + TypeName(type));
      if (ctx.input(i)->elements() != 1) return ctx.Error(std::string(names[i]) + " must be a single value");
    }
    return CheckOutputType(ctx, 0, type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    int64_t n = 0;
    if (ctx.input(0)->type == tflite::TensorType_FLOAT32) {
      const float start = Get<float>(ctx, 0), limit = Get<float>(ctx, 1), delta = Get<float>(ctx, 2);
      LITESCOPE_RETURN_IF_ERROR(CheckDirection(ctx, start, limit, delta));
      const double size = std::ceil(std::fabs((limit - start) / delta));
      if (!(size <= INT32_MAX)) return ctx.Error("the range would have " + std::to_string(size) + " elements");
      n = static_cast<int64_t>(size);
    } else {
      const int64_t start = Int(ctx, 0), limit = Int(ctx, 1), delta = Int(ctx, 2);
      LITESCOPE_RETURN_IF_ERROR(CheckDirection(ctx, start, limit, delta));
      // |limit - start| can exceed int64 only for INT64 extremes; refuse those instead of overflowing.
      if ((limit > 0 && start < limit - INT64_MAX) || (limit < 0 && start > limit + INT64_MAX)) {
        return ctx.Error("the range is too long");
      }
      const uint64_t span = static_cast<uint64_t>(limit > start ? limit - start : start - limit);
      const uint64_t step = delta > 0 ? static_cast<uint64_t>(delta) : 0 - static_cast<uint64_t>(delta);
      const uint64_t size = span / step + (span % step != 0);
      if (size > INT32_MAX) return ctx.Error("the range would have " + std::to_string(size) + " elements");
      n = static_cast<int64_t>(size);
    }
    out->push_back({static_cast<int32_t>(n)});
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    Tensor& out = *ctx.output(0);
    switch (out.type) {
      case tflite::TensorType_FLOAT32: Fill<float>(ctx, out); break;
      case tflite::TensorType_INT32: Fill<int32_t>(ctx, out); break;
      default: Fill<int64_t>(ctx, out); break;
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  static T Get(const OpContext& ctx, int i) {
    return ctx.input(i)->data<T>()[0];
  }
  static int64_t Int(const OpContext& ctx, int i) {
    return ctx.input(i)->type == tflite::TensorType_INT32 ? Get<int32_t>(ctx, i) : Get<int64_t>(ctx, i);
  }

  template <typename T>
  static Status CheckDirection(const OpContext& ctx, T start, T limit, T delta) {
    if (delta == 0) return ctx.Error("delta must not be 0");
    if ((start > limit && delta > 0) || (start < limit && delta < 0)) {
      return ctx.Error("delta " + std::to_string(delta) + " moves away from limit " + std::to_string(limit) +
                       " (start " + std::to_string(start) + ")");
    }
    if constexpr (std::is_floating_point_v<T>) {
      if (!std::isfinite(start) || !std::isfinite(limit) || !std::isfinite(delta)) {
        return ctx.Error("start, limit and delta must be finite");
      }
    }
    return Status::Ok();
  }

  template <typename T>
  static void Fill(const OpContext& ctx, Tensor& out) {
    T value = Get<T>(ctx, 0);
    const T delta = Get<T>(ctx, 2);
    T* y = out.data<T>();
    for (int64_t i = 0; i < out.elements(); ++i) {
      y[i] = value;
      value = WrappingAdd(value, delta);
    }
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeRange() { return Make<Range>(); }

}  // namespace litescope
