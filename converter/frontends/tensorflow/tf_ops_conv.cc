// Conv2D, DepthwiseConv2dNative, Conv2DBackpropInput, MatMul / BatchMatMul(V2), MaxPool, AvgPool.
// TensorFlow filters are HWIO; TFLite wants OHWI (CONV_2D), 1HW(I*M) (DEPTHWISE_CONV_2D) and
// OHWI of the transposed convolution's output channels (TRANSPOSE_CONV).
#include "converter/frontends/tensorflow/tf_op_table.h"

namespace litescope {
namespace {

// The H and W entries of a 4-element NHWC/NCHW attribute (strides, dilations, ksize).
Result<std::pair<int, int>> HwAttr(TfImporter& im, const std::string& name, bool nchw) {
  const std::vector<int64_t> v = im.Ints(name);
  if (v.empty()) return std::make_pair(1, 1);
  if (v.size() != 4) return im.Fail(name + " must have 4 entries");
  const int64_t n = v[0], c = nchw ? v[1] : v[3];
  if (n != 1 || c != 1) return im.Fail(name + " over the batch or channel dimension is not supported");
  return nchw ? std::make_pair(static_cast<int>(v[2]), static_cast<int>(v[3])) : std::make_pair(static_cast<int>(v[1]), static_cast<int>(v[2]));
}

// SAME / VALID; EXPLICIT paddings become a PAD in front of a VALID op.
Result<tflite::Padding> Padding(TfImporter& im, int* x, bool nchw) {
  const std::string p = im.Str("padding", "VALID");
  if (p == "SAME") return tflite::Padding_SAME;
  if (p == "VALID") return tflite::Padding_VALID;
  if (p != "EXPLICIT") return im.Fail("padding '" + p + "' is not supported");
  std::vector<int64_t> e = im.Ints("explicit_paddings");
  if (e.size() != 8) return im.Fail("explicit_paddings must have 8 entries");
  std::vector<int32_t> nhwc(8);
  const int order[4] = {0, nchw ? 2 : 1, nchw ? 3 : 2, nchw ? 1 : 3};
  for (int d = 0; d < 4; ++d) {
    nhwc[static_cast<size_t>(d * 2)] = static_cast<int32_t>(e[static_cast<size_t>(order[d] * 2)]);
    nhwc[static_cast<size_t>(d * 2 + 1)] = static_cast<int32_t>(e[static_cast<size_t>(order[d] * 2 + 1)]);
  }
  tflite::PadOptionsT o;
  *x = im.Emit(tflite::BuiltinOperator_PAD, {*x, im.ConstI32(nhwc, ir::Dims{4, 2})}, Options(o));
  return tflite::Padding_VALID;
}

// Strides, dilations and padding of a convolution (a PAD is emitted for EXPLICIT padding).
struct Window {
  std::pair<int, int> stride, dilation;
  tflite::Padding padding = tflite::Padding_VALID;
};

Result<Window> ReadWindow(TfImporter& im, int* x, bool nchw) {
  Result<std::pair<int, int>> stride = HwAttr(im, "strides", nchw);
  Result<std::pair<int, int>> dilation = HwAttr(im, "dilations", nchw);
  if (!stride.ok()) return stride.status();
  if (!dilation.ok()) return dilation.status();
  Result<tflite::Padding> pad = Padding(im, x, nchw);
  if (!pad.ok()) return pad.status();
  return Window{*stride, *dilation, *pad};
}

int ZeroBias(TfImporter& im, int channels) { return im.ConstF32(std::vector<float>(static_cast<size_t>(channels), 0.0f)); }

}  // namespace

Status ConvertTfConv2D(TfImporter& im) {
  const bool nchw = IsNchw(im);
  int x = nchw ? NchwToNhwc(im, im.In(0)) : im.In(0);
  Result<ir::Dims> w = im.Shape(im.In(1));
  Result<ir::Dims> xs = im.Shape(x);
  if (!w.ok()) return w.status();
  if (!xs.ok()) return xs.status();
  if (w->size() != 4 || xs->size() != 4) return im.Fail("input and filter must be 4-D");
  if ((*w)[2] != (*xs)[3]) return im.Fail("grouped convolution (filter depth " + std::to_string((*w)[2]) + ", input depth " + std::to_string((*xs)[3]) + ") is not supported");
  Result<Window> win = ReadWindow(im, &x, nchw);
  if (!win.ok()) return win.status();
  tflite::Conv2DOptionsT o;
  o.padding = win->padding;
  o.stride_h = win->stride.first;
  o.stride_w = win->stride.second;
  o.dilation_h_factor = win->dilation.first;
  o.dilation_w_factor = win->dilation.second;
  const int filter = im.Transpose(im.In(1), {3, 0, 1, 2});
  const int y = im.Emit(tflite::BuiltinOperator_CONV_2D, {x, filter, ZeroBias(im, (*w)[3])}, Options(o));
  im.SetOutput(0, nchw ? NhwcToNchw(im, y) : y);
  return Status::Ok();
}

Status ConvertTfDepthwiseConv(TfImporter& im) {
  const bool nchw = IsNchw(im);
  int x = nchw ? NchwToNhwc(im, im.In(0)) : im.In(0);
  Result<ir::Dims> w = im.Shape(im.In(1));
  if (!w.ok()) return w.status();
  if (w->size() != 4) return im.Fail("the filter must be 4-D");
  Result<Window> win = ReadWindow(im, &x, nchw);
  if (!win.ok()) return win.status();
  tflite::DepthwiseConv2DOptionsT o;
  o.padding = win->padding;
  o.stride_h = win->stride.first;
  o.stride_w = win->stride.second;
  o.dilation_h_factor = win->dilation.first;
  o.dilation_w_factor = win->dilation.second;
  o.depth_multiplier = (*w)[3];
  const int channels = (*w)[2] * (*w)[3];
  const int filter = im.Reshape(im.In(1), {1, (*w)[0], (*w)[1], channels});  // HWIM is 1HW(I*M) in memory
  const int y = im.Emit(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {x, filter, ZeroBias(im, channels)}, Options(o));
  im.SetOutput(0, nchw ? NhwcToNchw(im, y) : y);
  return Status::Ok();
}

Status ConvertTfConv2DBackpropInput(TfImporter& im) {
  if (IsNchw(im)) return im.Fail("data_format NCHW is not supported for Conv2DBackpropInput");
  Result<std::vector<int64_t>> sizes = im.ConstInts(im.In(0));
  if (!sizes.ok()) return sizes.status();
  if (sizes->size() != 4) return im.Fail("input_sizes must have 4 entries");
  Result<ir::Dims> w = im.Shape(im.In(1));
  if (!w.ok()) return w.status();
  Result<std::pair<int, int>> stride = HwAttr(im, "strides", false);
  Result<std::pair<int, int>> dilation = HwAttr(im, "dilations", false);
  if (!stride.ok()) return stride.status();
  if (!dilation.ok()) return dilation.status();
  if (dilation->first != 1 || dilation->second != 1) return im.Fail("dilated transposed convolution is not supported");
  const std::string p = im.Str("padding", "VALID");
  if (p != "SAME" && p != "VALID") return im.Fail("padding '" + p + "' is not supported");
  tflite::TransposeConvOptionsT o;
  o.padding = p == "SAME" ? tflite::Padding_SAME : tflite::Padding_VALID;
  o.stride_h = stride->first;
  o.stride_w = stride->second;
  const int shape = im.ConstI32(std::vector<int32_t>(sizes->begin(), sizes->end()));
  const int filter = im.Transpose(im.In(1), {2, 0, 1, 3});  // [kh, kw, out, in] -> [out, kh, kw, in]
  // The first input is the INT32 output shape: the output takes the gradient's type, not that one's.
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_TRANSPOSE_CONV, {shape, filter, im.In(2), -1}, Options(o), im.Val(im.In(2)).type));
  return Status::Ok();
}

Status ConvertTfMatMul(TfImporter& im) {
  const bool batch = im.type() != "MatMul";
  const bool adj_a = batch ? im.Bool("adj_x", false) : im.Bool("transpose_a", false);
  const bool adj_b = batch ? im.Bool("adj_y", false) : im.Bool("transpose_b", false);
  Result<int> rank_b = im.Rank(im.In(1));
  if (!rank_b.ok()) return rank_b.status();
  if (!adj_a && *rank_b == 2 && im.IsConst(im.In(1)) && im.Val(im.In(0)).type == tflite::TensorType_FLOAT32) {
    // A constant right-hand side: FULLY_CONNECTED with weights [N, K].
    const int weights = adj_b ? im.In(1) : im.Transpose(im.In(1), {1, 0});
    tflite::FullyConnectedOptionsT o;  // MatMul is 2-D: keep_num_dims changes nothing
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_FULLY_CONNECTED, {im.In(0), weights, -1}, Options(o)));
    return Status::Ok();
  }
  tflite::BatchMatMulOptionsT o;
  o.adj_x = adj_a;
  o.adj_y = adj_b;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_BATCH_MATMUL, {im.In(0), im.In(1)}, Options(o)));
  return Status::Ok();
}

Status ConvertTfPool(TfImporter& im) {
  const bool nchw = IsNchw(im);
  int x = nchw ? NchwToNhwc(im, im.In(0)) : im.In(0);
  Result<std::pair<int, int>> k = HwAttr(im, "ksize", nchw);
  Result<std::pair<int, int>> stride = HwAttr(im, "strides", nchw);
  if (!k.ok()) return k.status();
  if (!stride.ok()) return stride.status();
  Result<tflite::Padding> pad = Padding(im, &x, nchw);
  if (!pad.ok()) return pad.status();
  tflite::Pool2DOptionsT o;
  o.padding = *pad;
  o.filter_height = k->first;
  o.filter_width = k->second;
  o.stride_h = stride->first;
  o.stride_w = stride->second;
  const auto op = im.type() == "MaxPool" ? tflite::BuiltinOperator_MAX_POOL_2D : tflite::BuiltinOperator_AVERAGE_POOL_2D;
  const int y = im.Emit(op, {x}, Options(o));
  im.SetOutput(0, nchw ? NhwcToNchw(im, y) : y);
  return Status::Ok();
}

}  // namespace litescope
