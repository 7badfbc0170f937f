"""A suggested visiting order for one trip: a round tour from the home base (OR-Tools routing, TSP).

Pure: points in, order out. Distances are the same road estimate as the assignment (haversine × 1.3).
The search stops at the first local optimum of OR-Tools' default local search (no metaheuristic with a
time limit), so the same trip always gets the same order; for the few centres of one trip that is
optimal or within a few percent of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from .solver import road_matrix

METRES = 1000  # the routing model wants integer costs: metres


@dataclass(frozen=True)
class Trip:
    """The suggested order (indices into the stops given) with the km of each leg and of the whole tour."""

    order: list[int]
    legs_km: list[float]  # home → first, …, last → home (one more than the stops)

    @property
    def total_km(self) -> float:
        """The whole round tour, home base to home base."""
        return sum(self.legs_km)


def plan_trip(home: tuple[float, float], stops: Sequence[tuple[float, float]]) -> Trip:
    """The shortest round tour found from ``home`` through every stop and back."""
    if not stops:
        return Trip([], [])
    points = [home, *stops]
    matrix = road_matrix(points, points)
    if len(stops) == 1:
        return Trip([0], [float(matrix[0, 1]), float(matrix[1, 0])])
    costs = (matrix * METRES).round().astype(int).tolist()
    manager = pywrapcp.RoutingIndexManager(len(points), 1, 0)
    routing = pywrapcp.RoutingModel(manager)

    def distance(from_index: int, to_index: int) -> int:
        return costs[manager.IndexToNode(from_index)][manager.IndexToNode(to_index)]

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(distance))
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    assignment = routing.SolveWithParameters(parameters)
    if assignment is None:  # cannot happen on a complete graph; keep the given order rather than fail
        nodes = list(range(1, len(points)))
    else:
        nodes = []
        index = routing.Start(0)
        while not routing.IsEnd(index := assignment.Value(routing.NextVar(index))):
            nodes.append(manager.IndexToNode(index))
    tour = [0, *nodes, 0]
    legs = [float(matrix[a, b]) for a, b in zip(tour, tour[1:], strict=False)]
    return Trip([node - 1 for node in nodes], legs)
