export {
  type PointsModelSqlOptions,
  type PointsSqlColumns,
  type PointsSqlInteractions,
  pointsModelToSql,
} from "./points-model-to-sql.js";
export {
  type PredictiveFitSqlOptions,
  predictiveFitToSql,
} from "./predictive-fit-to-sql.js";
export {
  type PredictiveSqlColumns,
  type PredictiveSqlOptions,
  predictiveModelToSql,
} from "./predictive-model-to-sql.js";
