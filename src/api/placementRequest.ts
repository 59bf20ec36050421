/**
 * `placementConstraints` and `placementStrategy` as RunTask, CreateService and UpdateService decode them. Fargate
 * takes neither (the operations refuse a non-empty list); the EC2 launch type will read them.
 *
 * @module
 */
import * as t from 'io-ts';
import { list, struct } from '../codecs/struct.js';

/** `placementConstraints`. */
export const PlacementConstraintsCodec = list(
  struct('PlacementConstraint', { type: t.string, expression: t.string }),
  'list of PlacementConstraint',
);

/** `placementStrategy`. */
export const PlacementStrategiesCodec = list(struct('PlacementStrategy', { type: t.string, field: t.string }), 'list of PlacementStrategy');
