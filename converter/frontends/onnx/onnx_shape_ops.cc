// Shape and data-movement ops: Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Concat, Split,
// Slice, Expand, Tile, Shape, Size, Cast, Constant, ConstantOfShape, Range, Trilu. Shapes that are
// known at import become constants, so shape-computation chains fold away.
#include <algorithm>
#include <climits>
#include <cstring>

#include "converter/frontends/onnx/onnx_op_table.h"
#include "converter/frontends/onnx/onnx_runtime_shapes.h"
#include "engine/runtime/tensor.h"
#include "converter/frontends/onnx/onnx_reader.h"

namespace litescope {
namespace {

// Axes from the attribute (before `input_opset`) or from input `input`.
Result<std::vector<int64_t>> AxesOf(Importer& im, int input_opset, int input, const char* attr = "axes") {
  if (im.opset() < input_opset) return im.Ints(attr);
  if (!im.Has(input)) return std::vector<int64_t>{};
  return im.ConstInts(im.In(input));
}

int32_t Clamp32(int64_t v) { return static_cast<int32_t>(std::clamp<int64_t>(v, INT_MIN, INT_MAX)); }

int ReshapeTo(Importer& im, int x, int shape, int rank) {
  return im.Emit(tflite::BuiltinOperator_RESHAPE, {x, shape}, Options(tflite::ReshapeOptionsT{}), {.dynamic_rank = rank});
}

}  // namespace

Status ConvertReshape(Importer& im) {
  const int x = im.In(0);
  const bool allow_zero = im.Int("allowzero", 0) != 0;
  std::vector<int64_t> target;
  if (im.opset() < 5) {
    target = im.Ints("shape");
  } else if (!im.IsConst(im.In(1))) {
    // A runtime target: its 0 entries copy the input's dimension (unless allowzero).
    int shape = im.Cast(im.In(1), tflite::TensorType_INT32);
    if (!allow_zero) {
      Result<ir::Dims> in = im.Shape(x), ts = im.Shape(im.In(1));
      if (!in.ok()) return in.status();
      if (!ts.ok()) return ts.status();
      if (ts->size() != 1) return im.Fail("the shape input must be 1-D");
      std::vector<int32_t> copy(static_cast<size_t>((*ts)[0]), 0);
      for (size_t i = 0; i < copy.size() && i < in->size(); ++i) copy[i] = (*in)[i];
      const int zero = im.Emit(tflite::BuiltinOperator_EQUAL, {shape, im.Scalar(tflite::TensorType_INT32, 0)});
      shape = im.Emit(tflite::BuiltinOperator_SELECT_V2, {zero, im.ConstI32(copy), shape}, Options(tflite::SelectV2OptionsT{}));
    }
    Result<int32_t> n = Length(im, im.In(1));
    if (!n.ok()) return n.status();
    im.SetOutput(0, ReshapeTo(im, x, shape, *n));
    return Status::Ok();
  } else {
    Result<std::vector<int64_t>> t = im.ConstInts(im.In(1));
    if (!t.ok()) return t.status();
    target = *t;
  }
  const std::vector<int64_t>* t = &target;
  Result<ir::Dims> in = im.Shape(x);
  if (!in.ok()) return in.status();
  ir::Dims out;
  int64_t known = 1, total = 1;
  int unknown = -1;
  for (int32_t d : *in) total *= d;
  for (size_t i = 0; i < t->size(); ++i) {
    int64_t d = (*t)[i];
    if (d == 0 && !allow_zero) {
      if (i >= in->size()) return im.Fail("shape entry 0 at " + std::to_string(i) + " has no input dimension to copy");
      d = (*in)[i];
    }
    if (d == -1) {
      unknown = static_cast<int>(i);
      out.push_back(-1);
      continue;
    }
    if (d < 0) return im.Fail("shape entry " + std::to_string(d) + " is invalid");
    known *= d;
    out.push_back(static_cast<int32_t>(d));
  }
  if (unknown >= 0) {
    if (known == 0 || total % known != 0) return im.Fail("cannot infer the -1 of the target shape");
    out[static_cast<size_t>(unknown)] = static_cast<int32_t>(total / known);
  }
  im.SetOutput(0, im.Reshape(x, out));
  return Status::Ok();
}

Status ConvertFlatten(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  const int rank = static_cast<int>(s->size());
  int64_t axis = im.Int("axis", 1);
  if (axis < -rank || axis > rank) return im.Fail("axis " + std::to_string(axis) + " is out of range");
  if (axis < 0) axis += rank;
  int32_t outer = 1, inner = 1;
  for (int d = 0; d < rank; ++d) (d < axis ? outer : inner) *= (*s)[static_cast<size_t>(d)];
  im.SetOutput(0, im.Reshape(x, {outer, inner}));
  return Status::Ok();
}

Status ConvertSqueeze(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  if (im.opset() >= 13 && im.Has(1) && !im.IsConst(im.In(1))) {
    Result<int32_t> n = Length(im, im.In(1));
    if (!n.ok()) return n.status();
    im.SetOutput(0, ReshapeTo(im, x, SqueezedShape(im, *s, im.In(1), *n), static_cast<int>(s->size()) - *n));
    return Status::Ok();
  }
  Result<std::vector<int64_t>> axes = AxesOf(im, 13, 1);
  if (!axes.ok()) return axes.status();
  const int rank = static_cast<int>(s->size());
  std::vector<bool> drop(s->size(), false);
  for (int64_t a : *axes) {
    Result<int> n = im.Axis(a, rank);
    if (!n.ok()) return n.status();
    if ((*s)[static_cast<size_t>(*n)] != 1) return im.Fail("dimension " + std::to_string(*n) + " is not 1");
    drop[static_cast<size_t>(*n)] = true;
  }
  ir::Dims out;
  for (size_t d = 0; d < s->size(); ++d)
    if (!(axes->empty() ? (*s)[d] == 1 : drop[d])) out.push_back((*s)[d]);
  im.SetOutput(0, im.Reshape(x, out));
  return Status::Ok();
}

Status ConvertUnsqueeze(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  if (im.opset() >= 13 && !im.IsConst(im.In(1))) {
    Result<int32_t> n = Length(im, im.In(1));
    if (!n.ok()) return n.status();
    im.SetOutput(0, ReshapeTo(im, x, UnsqueezedShape(im, *s, im.In(1), *n), static_cast<int>(s->size()) + *n));
    return Status::Ok();
  }
  Result<std::vector<int64_t>> axes = AxesOf(im, 13, 1);
  if (!axes.ok()) return axes.status();
  const int rank = static_cast<int>(s->size() + axes->size());
  std::vector<bool> add(static_cast<size_t>(rank), false);
  for (int64_t a : *axes) {
    Result<int> n = im.Axis(a, rank);
    if (!n.ok()) return n.status();
    add[static_cast<size_t>(*n)] = true;
  }
  ir::Dims out;
  size_t next = 0;
  for (int d = 0; d < rank; ++d) out.push_back(add[static_cast<size_t>(d)] ? 1 : (*s)[next++]);
  im.SetOutput(0, im.Reshape(x, out));
  return Status::Ok();
}

Status ConvertTranspose(Importer& im) {
  const int x = im.In(0);
  Result<int> rank = im.Rank(x);
  if (!rank.ok()) return rank.status();
  std::vector<int64_t> p = im.Ints("perm");
  std::vector<int> perm;
  for (int d = 0; d < *rank; ++d) perm.push_back(p.empty() ? *rank - 1 - d : static_cast<int>(p[static_cast<size_t>(d)]));
  if (p.size() != 0 && p.size() != static_cast<size_t>(*rank)) return im.Fail("perm has the wrong length");
  im.SetOutput(0, im.Transpose(x, perm));
  return Status::Ok();
}

Status ConvertConcat(Importer& im) {
  std::vector<int> inputs;
  for (int i = 0; i < im.input_count(); ++i)
    if (im.Has(i)) inputs.push_back(im.In(i));
  Result<int> rank = im.Rank(inputs[0]);
  if (!rank.ok()) return rank.status();
  Result<int> axis = im.Axis(im.Int("axis", im.opset() < 4 ? 1 : 0), *rank);  // Concat-1: axis defaults to 1
  if (!axis.ok()) return axis.status();
  tflite::ConcatenationOptionsT o;
  o.axis = *axis;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_CONCATENATION, inputs, Options(o)));
  return Status::Ok();
}

Status ConvertSplit(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  Result<int> axis = im.Axis(im.Int("axis", 0), static_cast<int>(s->size()));
  if (!axis.ok()) return axis.status();
  // Split-1 takes the sizes from the attribute or from input 1; Split-2..12 from the attribute.
  const int n = im.output_count();
  if (im.opset() >= 13 && im.Has(1) && !im.IsConst(im.In(1))) {
    // Sizes known at run time (SPLIT_V checks that they add up).
    tflite::SplitVOptionsT o;
    o.num_splits = n;
    std::vector<int> outs =
        im.EmitN(tflite::BuiltinOperator_SPLIT_V, {x, im.Cast(im.In(1), tflite::TensorType_INT32), im.ConstI32({*axis}, ir::Dims{})}, n, Options(o));
    for (int i = 0; i < n; ++i) {
      im.MarkDynamic(outs[static_cast<size_t>(i)], static_cast<int>(s->size()));
      im.SetOutput(i, outs[static_cast<size_t>(i)]);
    }
    return Status::Ok();
  }
  Result<std::vector<int64_t>> split = AxesOf(im, im.opset() < 2 && im.Has(1) ? 1 : 13, 1, "split");
  if (!split.ok()) return split.status();
  const int32_t dim = (*s)[static_cast<size_t>(*axis)];
  std::vector<int32_t> sizes;
  if (split->empty()) {
    if (dim % n != 0) return im.Fail("dimension " + std::to_string(dim) + " does not split into " + std::to_string(n) + " equal parts");
    sizes.assign(static_cast<size_t>(n), dim / n);
  } else {
    for (int64_t v : *split) sizes.push_back(static_cast<int32_t>(v));
  }
  if (static_cast<int>(sizes.size()) != n) return im.Fail("split has " + std::to_string(sizes.size()) + " sizes for " + std::to_string(n) + " outputs");
  tflite::SplitVOptionsT o;
  o.num_splits = n;
  std::vector<int> outs = im.EmitN(tflite::BuiltinOperator_SPLIT_V, {x, im.ConstI32(sizes), im.ConstI32({*axis}, ir::Dims{})}, n, Options(o));
  for (int i = 0; i < n; ++i) im.SetOutput(i, outs[static_cast<size_t>(i)]);
  return Status::Ok();
}

Status ConvertSlice(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  const int rank = static_cast<int>(s->size());
  std::vector<int64_t> starts, ends, axes, steps;
  if (im.opset() < 10) {
    starts = im.Ints("starts");
    ends = im.Ints("ends");
    axes = im.Ints("axes");
  } else {
    bool runtime = false;
    for (int i = 1; i <= 4; ++i) runtime = runtime || (im.Has(i) && !im.IsConst(im.In(i)));
    if (runtime) {
      Result<int32_t> k = Length(im, im.In(1));
      if (!k.ok()) return k.status();
      im.SetOutput(0, RuntimeSlice(im, x, *s, *k));
      return Status::Ok();
    }
    Result<std::vector<int64_t>> a = im.ConstInts(im.In(1)), b = im.ConstInts(im.In(2));
    if (!a.ok()) return a.status();
    if (!b.ok()) return b.status();
    starts = *a;
    ends = *b;
    if (im.Has(3)) {
      Result<std::vector<int64_t>> c = im.ConstInts(im.In(3));
      if (!c.ok()) return c.status();
      axes = *c;
    }
    if (im.Has(4)) {
      Result<std::vector<int64_t>> d = im.ConstInts(im.In(4));
      if (!d.ok()) return d.status();
      steps = *d;
    }
  }
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
    return im.Fail("starts, ends, axes and steps differ in length");
  std::vector<int32_t> begin(static_cast<size_t>(rank), 0), end(s->begin(), s->end()), stride(static_cast<size_t>(rank), 1);
  int32_t end_mask = 0;
  for (size_t i = 0; i < starts.size(); ++i) {
    Result<int> a = im.Axis(axes[i], rank);
    if (!a.ok()) return a.status();
    const int64_t dim = (*s)[static_cast<size_t>(*a)];
    const int64_t step = steps[i];
    if (step == 0) return im.Fail("step 0");
    int64_t b = starts[i], e = ends[i];
    if (b < 0) b += dim;
    if (e < 0) e += dim;
    if (step > 0) {
      b = std::clamp<int64_t>(b, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
    } else {
      b = std::clamp<int64_t>(b, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      if (e < 0) end_mask |= 1 << *a;
    }
    begin[static_cast<size_t>(*a)] = Clamp32(b);
    end[static_cast<size_t>(*a)] = Clamp32(e);
    stride[static_cast<size_t>(*a)] = Clamp32(step);
  }
  tflite::StridedSliceOptionsT o;
  o.end_mask = end_mask;
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_STRIDED_SLICE, {x, im.ConstI32(begin), im.ConstI32(end), im.ConstI32(stride)}, Options(o)));
  return Status::Ok();
}

Status ConvertExpand(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  if (!im.IsConst(im.In(1))) {
    // Both shapes right-aligned; where x has 1 the target decides, elsewhere x (BROADCAST_TO
    // checks that the target is 1 or equal there).
    Result<int32_t> n = Length(im, im.In(1));
    if (!n.ok()) return n.status();
    const int32_t rank = std::max<int32_t>(*n, static_cast<int32_t>(s->size()));
    int target = im.Cast(im.In(1), tflite::TensorType_INT32);
    if (*n < rank) {
      tflite::ConcatenationOptionsT co;
      target = im.Emit(tflite::BuiltinOperator_CONCATENATION, {im.ConstI32(std::vector<int32_t>(static_cast<size_t>(rank - *n), 1)), target}, Options(co));
    }
    std::vector<int32_t> ones(static_cast<size_t>(rank), 0), fixed(static_cast<size_t>(rank), 0);
    for (size_t i = 0; i < s->size(); ++i) {
      const int32_t d = (*s)[i];
      (d == 1 ? ones : fixed)[static_cast<size_t>(rank) - s->size() + i] = d == 1 ? 1 : d;
    }
    for (int32_t i = 0; i < rank - static_cast<int32_t>(s->size()); ++i) ones[static_cast<size_t>(i)] = 1;
    const int out = Add(im, Mul(im, target, im.ConstI32(ones)), im.ConstI32(fixed));
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_BROADCAST_TO, {x, out}, {}, {.dynamic_rank = rank}));
    return Status::Ok();
  }
  Result<std::vector<int64_t>> t = im.ConstInts(im.In(1));
  if (!t.ok()) return t.status();
  ir::Dims target(t->begin(), t->end()), out;
  if (!BroadcastShapes(*s, target, &out)) return im.Fail("shape " + ShapeString(*s) + " does not broadcast to " + ShapeString(target));
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_BROADCAST_TO, {x, im.ConstI32(out)}, {}, {.shape = out}));
  return Status::Ok();
}

Status ConvertTile(Importer& im) {
  const int x = im.In(0);
  if (im.opset() < 6) return im.Fail("Tile-1 (tiles and axis inputs) is not supported");
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_TILE, {x, im.Cast(im.In(1), tflite::TensorType_INT32)}));
  return Status::Ok();
}

Status ConvertShape(Importer& im) {
  Result<ir::Dims> s = im.Shape(im.In(0));
  if (!s.ok()) return s.status();
  const int64_t rank = static_cast<int64_t>(s->size());
  int64_t start = im.Int("start", 0), end = im.Int("end", rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  std::vector<int64_t> dims(s->begin() + start, s->begin() + end);
  im.SetOutput(0, im.ConstI64(dims));
  return Status::Ok();
}

Status ConvertSize(Importer& im) {
  Result<ir::Dims> s = im.Shape(im.In(0));
  if (!s.ok()) return s.status();
  int64_t n = 1;
  for (int32_t d : *s) n *= d;
  im.SetOutput(0, im.ConstI64({n}, ir::Dims{}));
  return Status::Ok();
}

Status ConvertCast(Importer& im) {
  tflite::TensorType to;
  int onnx_to = static_cast<int>(im.Int("to", 0));
  if (im.opset() < 6 && im.type() == "Cast") {
    // Cast-1 names the type: "FLOAT", "INT32"...
    onnx::TensorProto_DataType t = onnx::TensorProto_DataType_UNDEFINED;
    if (!onnx::TensorProto_DataType_Parse(im.Str("to", ""), &t)) return im.Fail("to '" + im.Str("to", "") + "' is not a type");
    onnx_to = t;
  }
  if (im.type() == "CastLike") {
    to = im.TypeOf(im.In(1));
  } else if (!OnnxTypeToTflite(onnx_to, &to) || to == tflite::TensorType_STRING) {
    return im.Fail("casting to " + std::string(OnnxTypeName(onnx_to)) + " is not supported");
  }
  const int x = im.In(0);
  if (im.TypeOf(x) == to) {
    im.SetOutput(0, x);
    return Status::Ok();
  }
  im.SetOutput(0, im.Cast(x, to));
  return Status::Ok();
}

Status ConvertConstant(Importer& im) {
  if (const onnx::AttributeProto* v = im.Attr("value")) {
    Result<OnnxTensor> t = ReadOnnxTensor(v->t(), im.dir());
    if (!t.ok()) return t.status().WithContext(im.Where());
    im.SetOutput(0, im.Constant(t->type, t->dims, std::move(t->bytes)));
  } else if (im.Attr("value_float") != nullptr) {
    im.SetOutput(0, im.ConstF32({im.Float("value_float", 0)}, ir::Dims{}));
  } else if (im.Attr("value_floats") != nullptr) {
    im.SetOutput(0, im.ConstF32(im.Floats("value_floats")));
  } else if (im.Attr("value_int") != nullptr) {
    im.SetOutput(0, im.ConstI64({im.Int("value_int", 0)}, ir::Dims{}));
  } else if (im.Attr("value_ints") != nullptr) {
    im.SetOutput(0, im.ConstI64(im.Ints("value_ints")));
  } else {
    return im.Fail("only tensor, float and int values are supported");
  }
  return Status::Ok();
}

Status ConvertConstantOfShape(Importer& im) {
  OnnxTensor value{tflite::TensorType_FLOAT32, {1}, std::vector<uint8_t>(4, 0)};
  if (const onnx::AttributeProto* v = im.Attr("value")) {
    Result<OnnxTensor> t = ReadOnnxTensor(v->t(), im.dir());
    if (!t.ok()) return t.status().WithContext(im.Where());
    value = std::move(*t);
  }
  if (value.bytes.empty()) return im.Fail("value is empty");
  Result<std::vector<int64_t>> shape = im.ConstInts(im.In(0));
  if (!shape.ok()) {
    const int scalar = im.Constant(value.type, {}, value.bytes);
    Result<int32_t> n = Length(im, im.In(0));
    if (!n.ok()) return n.status();
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_FILL, {im.In(0), scalar}, {}, {.type = value.type, .dynamic_rank = *n}));
    return Status::Ok();
  }
  ir::Dims dims;
  size_t n = 1;
  for (int64_t d : *shape) {
    dims.push_back(static_cast<int32_t>(d));
    n *= static_cast<size_t>(d);
  }
  std::vector<uint8_t> bytes(n * value.bytes.size());
  for (size_t i = 0; i < n; ++i) std::memcpy(bytes.data() + i * value.bytes.size(), value.bytes.data(), value.bytes.size());
  im.SetOutput(0, im.Constant(value.type, dims, std::move(bytes)));
  return Status::Ok();
}

Status ConvertRange(Importer& im) {
  const bool known = im.IsConst(im.In(0)) && im.IsConst(im.In(1)) && im.IsConst(im.In(2));  // else folded
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RANGE, {im.In(0), im.In(1), im.In(2)}, {}, {.dynamic_rank = known ? std::nullopt : std::optional<int>(1)}));
  return Status::Ok();
}

Status ConvertTrilu(Importer& im) {
  const int x = im.In(0);
  Result<ir::Dims> s = im.Shape(x);
  if (!s.ok()) return s.status();
  if (s->size() < 2) return im.Fail("the input must be at least 2-D");
  const bool upper = im.Int("upper", 1) != 0;
  const int32_t rows = (*s)[s->size() - 2], cols = (*s)[s->size() - 1];
  // Keep element (i, j) when j - i >= k (upper) or <= k (lower).
  std::vector<int64_t> diagonal(static_cast<size_t>(rows) * static_cast<size_t>(cols));
  for (int32_t i = 0; i < rows; ++i)
    for (int32_t j = 0; j < cols; ++j) diagonal[static_cast<size_t>(i) * static_cast<size_t>(cols) + static_cast<size_t>(j)] = j - i;
  const int k = im.Has(1) ? im.Cast(im.In(1), tflite::TensorType_INT64) : im.Scalar(tflite::TensorType_INT64, 0);
  const int m = im.Emit(upper ? tflite::BuiltinOperator_GREATER_EQUAL : tflite::BuiltinOperator_LESS_EQUAL, {im.ConstI64(diagonal, ir::Dims{rows, cols}), k});
  im.SetOutput(0, im.Emit(tflite::BuiltinOperator_SELECT_V2, {m, x, im.Scalar(im.TypeOf(x), 0)}, Options(tflite::SelectV2OptionsT{}), {.shape = *s}));
  return Status::Ok();
}

}  // namespace litescope
