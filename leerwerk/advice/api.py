"""SKELETON: to be written (see the brief)."""

from rest_framework.views import APIView


class CaseListApi(APIView):
    pass


class CaseDetailApi(APIView):
    pass


class CaseStatusApi(APIView):
    pass


class CaseNotesApi(APIView):
    pass


class TrajectoriesApi(APIView):
    pass


class OutcomesApi(APIView):
    pass
