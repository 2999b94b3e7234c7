#include "converter/frontends/onnx/onnx_reader.h"

#include <filesystem>
#include <fstream>
#include <limits>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

namespace litescope {
namespace {

template <typename Dst, typename Src>
void AppendAs(const Src& values, std::vector<uint8_t>* bytes) {
  const size_t start = bytes->size();
  bytes->resize(start + static_cast<size_t>(values.size()) * sizeof(Dst));
  Dst* out = reinterpret_cast<Dst*>(bytes->data() + start);
  for (const auto& v : values) *out++ = static_cast<Dst>(v);
}

Result<std::vector<uint8_t>> ReadExternal(const onnx::TensorProto& t, const std::string& dir, size_t expected) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto& kv : t.external_data()) {
    if (kv.key() == "location") location = kv.value();
    if (kv.key() == "offset") offset = std::stoll(kv.value());
    if (kv.key() == "length") length = std::stoll(kv.value());
  }
  if (location.empty()) return InvalidArgument("tensor " + t.name() + " is external but names no location");
  const std::filesystem::path path = std::filesystem::path(dir) / location;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return IoError("tensor " + t.name() + ": cannot open its external data " + path.string());
  if (length < 0) length = static_cast<int64_t>(size) - offset;
  if (offset < 0 || static_cast<uint64_t>(offset + length) > size || static_cast<size_t>(length) != expected)
    return InvalidArgument("tensor " + t.name() + ": external data " + path.string() + " holds " + std::to_string(size) +
                           " bytes; offset " + std::to_string(offset) + " + length " + std::to_string(length) +
                           " must lie inside it and equal the " + std::to_string(expected) + " bytes of the tensor");
  std::vector<uint8_t> bytes(static_cast<size_t>(length));
  std::ifstream in(path, std::ios::binary);
  in.seekg(offset);
  in.read(reinterpret_cast<char*>(bytes.data()), length);
  if (!in) return IoError("tensor " + t.name() + ": reading " + path.string() + " failed");
  return bytes;
}

}  // namespace

bool OnnxTypeToTflite(int onnx_type, tflite::TensorType* type) {
  switch (onnx_type) {
    case onnx::TensorProto::FLOAT: *type = tflite::TensorType_FLOAT32; return true;
    case onnx::TensorProto::UINT8: *type = tflite::TensorType_UINT8; return true;
    case onnx::TensorProto::INT8: *type = tflite::TensorType_INT8; return true;
    case onnx::TensorProto::UINT16: *type = tflite::TensorType_UINT16; return true;
    case onnx::TensorProto::INT16: *type = tflite::TensorType_INT16; return true;
    case onnx::TensorProto::INT32: *type = tflite::TensorType_INT32; return true;
    case onnx::TensorProto::INT64: *type = tflite::TensorType_INT64; return true;
    case onnx::TensorProto::BOOL: *type = tflite::TensorType_BOOL; return true;
    case onnx::TensorProto::FLOAT16: *type = tflite::TensorType_FLOAT16; return true;
    case onnx::TensorProto::DOUBLE: *type = tflite::TensorType_FLOAT64; return true;
    case onnx::TensorProto::UINT32: *type = tflite::TensorType_UINT32; return true;
    case onnx::TensorProto::UINT64: *type = tflite::TensorType_UINT64; return true;
    default: return false;
  }
}

const char* OnnxTypeName(int onnx_type) {
  return onnx::TensorProto::DataType_IsValid(onnx_type)
             ? onnx::TensorProto::DataType_Name(static_cast<onnx::TensorProto::DataType>(onnx_type)).c_str()
             : "an unknown type";
}

Result<onnx::ModelProto> ReadOnnxModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open " + path);
  google::protobuf::io::IstreamInputStream raw(&in);
  google::protobuf::io::CodedInputStream coded(&raw);
  coded.SetTotalBytesLimit(std::numeric_limits<int>::max());
  onnx::ModelProto model;
  if (!model.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
    return InvalidArgument("failed to read " + path + ": not a valid ONNX model (the protobuf does not parse; truncated or corrupt?)");
  if (!model.has_graph()) return InvalidArgument("failed to read " + path + ": the ONNX model has no graph");
  return model;
}

Result<OnnxTensor> ReadOnnxTensor(const onnx::TensorProto& t, const std::string& dir) {
  OnnxTensor out;
  if (!OnnxTypeToTflite(t.data_type(), &out.type))
    return Unsupported("tensor " + t.name() + " has type " + OnnxTypeName(t.data_type()) + ", which TFLite cannot hold");
  int64_t count = 1;
  for (int64_t d : t.dims()) {
    if (d < 0 || d > std::numeric_limits<int32_t>::max()) return InvalidArgument("tensor " + t.name() + " has dimension " + std::to_string(d));
    out.dims.push_back(static_cast<int32_t>(d));
    count *= d;
    if (count > (int64_t{1} << 40)) return InvalidArgument("tensor " + t.name() + " is too large");
  }
  size_t element = 0;
  switch (out.type) {
    case tflite::TensorType_BOOL: case tflite::TensorType_INT8: case tflite::TensorType_UINT8: element = 1; break;
    case tflite::TensorType_INT16: case tflite::TensorType_UINT16: case tflite::TensorType_FLOAT16: element = 2; break;
    case tflite::TensorType_FLOAT32: case tflite::TensorType_INT32: case tflite::TensorType_UINT32: element = 4; break;
    default: element = 8; break;
  }
  const size_t expected = static_cast<size_t>(count) * element;
  if (t.data_location() == onnx::TensorProto::EXTERNAL) {
    Result<std::vector<uint8_t>> bytes = ReadExternal(t, dir, expected);
    if (!bytes.ok()) return bytes.status();
    out.bytes = std::move(*bytes);
    return out;
  }
  if (t.has_raw_data()) {
    out.bytes.assign(t.raw_data().begin(), t.raw_data().end());
  } else {
    switch (out.type) {
      case tflite::TensorType_FLOAT32: AppendAs<float>(t.float_data(), &out.bytes); break;
      case tflite::TensorType_FLOAT64: AppendAs<double>(t.double_data(), &out.bytes); break;
      case tflite::TensorType_INT64: AppendAs<int64_t>(t.int64_data(), &out.bytes); break;
      case tflite::TensorType_INT32: AppendAs<int32_t>(t.int32_data(), &out.bytes); break;
      case tflite::TensorType_INT16: AppendAs<int16_t>(t.int32_data(), &out.bytes); break;
      case tflite::TensorType_UINT16: case tflite::TensorType_FLOAT16: AppendAs<uint16_t>(t.int32_data(), &out.bytes); break;
      case tflite::TensorType_INT8: AppendAs<int8_t>(t.int32_data(), &out.bytes); break;
      case tflite::TensorType_UINT8: case tflite::TensorType_BOOL: AppendAs<uint8_t>(t.int32_data(), &out.bytes); break;
      case tflite::TensorType_UINT32: AppendAs<uint32_t>(t.uint64_data(), &out.bytes); break;
      case tflite::TensorType_UINT64: AppendAs<uint64_t>(t.uint64_data(), &out.bytes); break;
      default: break;
    }
  }
  if (out.bytes.size() != expected)
    return InvalidArgument("tensor " + t.name() + " holds " + std::to_string(out.bytes.size()) + " bytes; its shape and type need " +
                           std::to_string(expected));
  return out;
}

}  // namespace litescope
