#include "engine/model/npy.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include "engine/base/atomic_file.h"
#include "engine/model/tensor_type.h"

namespace litescope {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

struct DescrType {
  const char* descr;
  tflite::TensorType type;
};
constexpr DescrType kTypes[] = {
    {"<f4", tflite::TensorType_FLOAT32}, {"<f2", tflite::TensorType_FLOAT16}, {"<f8", tflite::TensorType_FLOAT64},
    {"|i1", tflite::TensorType_INT8},    {"|u1", tflite::TensorType_UINT8},   {"<i2", tflite::TensorType_INT16},
    {"<u2", tflite::TensorType_UINT16},  {"<i4", tflite::TensorType_INT32},   {"<u4", tflite::TensorType_UINT32},
    {"<i8", tflite::TensorType_INT64},   {"<u8", tflite::TensorType_UINT64},  {"|b1", tflite::TensorType_BOOL},
    {"<c8", tflite::TensorType_COMPLEX64}, {"<c16", tflite::TensorType_COMPLEX128},
};

// The value of 'key' in the header dict, up to the next top-level ',' or '}' (with brackets).
std::string DictValue(const std::string& header, const std::string& key) {
  size_t k = header.find("'" + key + "'");
  if (k == std::string::npos) return "";
  size_t colon = header.find(':', k);
  if (colon == std::string::npos) return "";
  size_t start = colon + 1;
  while (start < header.size() && header[start] == ' ') ++start;
  size_t end = start;
  int depth = 0;
  for (; end < header.size(); ++end) {
    char c = header[end];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (depth == 0 && (c == ',' || c == '}')) break;
    if (depth < 0) break;
  }
  if (end < header.size() && (header[end] == ')' || header[end] == ']')) ++end;
  return header.substr(start, end - start);
}

}  // namespace

std::string NpyDescr(tflite::TensorType type) {
  for (const DescrType& d : kTypes) {
    if (d.type == type) return d.descr;
  }
  return "";
}

Result<NpyArray> ParseNpy(const std::vector<uint8_t>& bytes, const std::string& label) {
  auto bad = [&](const std::string& why) { return InvalidArgument("cannot read " + label + ": " + why); };
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, 6) != 0) return bad("not a .npy file (no \\x93NUMPY magic)");
  uint8_t major = bytes[6];
  size_t header_len = 0, header_start = 0;
  if (major == 1) {
    header_len = bytes[8] | (bytes[9] << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return bad("truncated header");
    header_len = static_cast<size_t>(bytes[8]) | (static_cast<size_t>(bytes[9]) << 8) |
                 (static_cast<size_t>(bytes[10]) << 16) | (static_cast<size_t>(bytes[11]) << 24);
    header_start = 12;
  } else {
    return bad("unsupported .npy version " + std::to_string(major));
  }
  if (header_len > bytes.size() - header_start) return bad("truncated header");
  std::string header(bytes.begin() + static_cast<long>(header_start),
                     bytes.begin() + static_cast<long>(header_start + header_len));
  std::string descr = DictValue(header, "descr");
  if (descr.size() < 2) return bad("header has no descr");
  descr = descr.substr(1, descr.size() - 2);  // strip quotes
  if (descr == "<b1" || descr == "b1") descr = "|b1";
  if (descr == "<i1" || descr == "i1") descr = "|i1";
  if (descr == "<u1" || descr == "u1") descr = "|u1";
  NpyArray out;
  bool known = false;
  for (const DescrType& d : kTypes) {
    if (descr == d.descr) {
      out.type = d.type;
      known = true;
    }
  }
  if (!known) return bad("unsupported dtype '" + descr + "' (little-endian numeric types only)");
  if (DictValue(header, "fortran_order").rfind("True", 0) == 0) return bad("Fortran-order arrays are not supported");
  std::string shape = DictValue(header, "shape");
  if (shape.empty() || shape.front() != '(') return bad("header has no shape");
  uint64_t elements = 1;
  for (size_t i = 1; i < shape.size();) {
    while (i < shape.size() && (shape[i] == ' ' || shape[i] == ',')) ++i;
    if (i >= shape.size() || shape[i] == ')') break;
    if (shape[i] < '0' || shape[i] > '9') return bad("malformed shape " + shape);
    uint64_t d = 0;
    while (i < shape.size() && shape[i] >= '0' && shape[i] <= '9') {
      d = d * 10 + static_cast<uint64_t>(shape[i++] - '0');
      if (d > (uint64_t{1} << 31) - 1) return bad("dimension too large in " + shape);
    }
    out.shape.push_back(static_cast<int32_t>(d));
  }
  Result<uint64_t> count = CheckedElementCount(out.shape);
  if (!count.ok()) return bad(count.status().message());
  elements = *count;
  uint64_t need = elements * static_cast<uint64_t>(ElementBits(out.type) / 8);
  size_t data_start = header_start + header_len;
  if (bytes.size() - data_start != need) {
    return bad("shape " + shape + " needs " + std::to_string(need) + " data bytes, the file has " +
               std::to_string(bytes.size() - data_start));
  }
  out.data.assign(bytes.begin() + static_cast<long>(data_start), bytes.end());
  return out;
}

Result<NpyArray> ReadNpy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open " + path);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseNpy(bytes, path);
}

std::vector<uint8_t> SerializeNpy(const NpyArray& array) {
  std::string shape = "(";
  for (size_t i = 0; i < array.shape.size(); ++i) shape += std::to_string(array.shape[i]) + ", ";
  if (array.shape.size() > 1) shape.resize(shape.size() - 1), shape.back() = ' ';
  while (!shape.empty() && shape.back() == ' ') shape.pop_back();
  shape += ")";
  std::string header = "{'descr': '" + NpyDescr(array.type) + "', 'fortran_order': False, 'shape': " + shape + ", }";
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::vector<uint8_t> out(kMagic, kMagic + 6);
  out.push_back(1);
  out.push_back(0);
  out.push_back(static_cast<uint8_t>(header.size() & 0xff));
  out.push_back(static_cast<uint8_t>(header.size() >> 8));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), array.data.begin(), array.data.end());
  return out;
}

Status WriteNpy(const std::string& path, const NpyArray& array) {
  if (NpyDescr(array.type).empty()) return Unsupported("cannot write " + path + ": numpy has no such dtype");
  std::vector<uint8_t> bytes = SerializeNpy(array);
  return WriteFileAtomically(path, bytes);
}

}  // namespace litescope
