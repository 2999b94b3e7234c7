#include "app/core/tensor_values_model.h"

#include <algorithm>

namespace litescope {

TensorValuesModel::TensorValuesModel(std::vector<int32_t> shape, std::vector<double> values, std::vector<double> raw,
                                     QObject* parent)
    : QAbstractTableModel(parent), shape_(std::move(shape)), values_(std::move(values)), raw_(std::move(raw)) {
  loaded_ = static_cast<int>(std::min<size_t>(values_.size(), kPage));
}

int TensorValuesModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : loaded_; }

int TensorValuesModel::columnCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  return raw_.empty() ? 3 : 4;
}

QString TensorValuesModel::Coordinates(size_t flat) const {
  QStringList parts;
  for (size_t d = shape_.size(); d-- > 0;) {
    const size_t dim = static_cast<size_t>(std::max(shape_[d], 1));
    parts.prepend(QString::number(flat % dim));
    flat /= dim;
  }
  return QStringLiteral("[%1]").arg(parts.join(QStringLiteral(", ")));
}

QVariant TensorValuesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= loaded_ || index.column() >= columnCount()) return {};
  const size_t row = static_cast<size_t>(index.row());
  if (role == Qt::TextAlignmentRole)
    return index.column() == 1 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case 0: return static_cast<qulonglong>(row);
    case 1: return Coordinates(row);
    case 2: return QString::number(values_[row], 'g', 7);
    default: return QString::number(raw_[row], 'f', 0);
  }
}

QVariant TensorValuesModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
  switch (section) {
    case 0: return tr("#");
    case 1: return tr("index");
    case 2: return raw_.empty() ? tr("value") : tr("real value");
    case 3: return tr("stored");
    default: return {};
  }
}

bool TensorValuesModel::canFetchMore(const QModelIndex& parent) const {
  return !parent.isValid() && static_cast<size_t>(loaded_) < values_.size();
}

void TensorValuesModel::fetchMore(const QModelIndex& parent) {
  if (!canFetchMore(parent)) return;
  const int more = static_cast<int>(std::min<size_t>(values_.size() - static_cast<size_t>(loaded_), kPage));
  beginInsertRows({}, loaded_, loaded_ + more - 1);
  loaded_ += more;
  endInsertRows();
}

}  // namespace litescope
