#!/usr/bin/env python3
"""Set-up of bench/message-load, through the API as a class would do it.

    message_load_setup.py API_URL ADMIN_PASSWORD STUDENTS API_SESSIONS PG_SESSIONS OUT_DIR

Signs in as the demo admin, registers STUDENTS students (one per load connection) and signs each
in, gives each the credits its bookings cost, then has each student book and start
API_SESSIONS + PG_SESSIONS sessions, spread over the catalog's patients (so every shipped case
plays). Writes:
  OUT_DIR/sessions-api.txt  "<connection> <bearer token> <session id>" per line, the sessions the
                            wrk connections talk in, each connection's in the order it uses them;
  OUT_DIR/sessions-pg.csv   "<client>,<k>,<session id>,<token hash>" per line for pgbench's
                            clients (0-based, like its client_id), the token hash as the server
                            sends it ("\\x" + hex SHA-256).
Prints one line: "<students> students, <sessions> sessions started in <seconds> s".
"""
import concurrent.futures
import hashlib
import http.client
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse

api_url, admin_password, students, api_sessions, pg_sessions, out_dir = sys.argv[1:]
students, api_sessions, pg_sessions = int(students), int(api_sessions), int(pg_sessions)
parsed = urllib.parse.urlsplit(api_url)
local = threading.local()


def call(method, path, token=None, body=None, expect=(200, 201)):
    """One request on this thread's keep-alive connection; the decoded JSON answer."""
    if not hasattr(local, 'conn'):
        local.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    headers = {'Content-Type': 'application/json'}
    if token:
        headers['Authorization'] = 'Bearer ' + token
    local.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = local.conn.getresponse()
    data = response.read()
    if response.status not in expect:
        raise SystemExit(f'{method} {path}: HTTP {response.status} {data[:300]!r}')
    return json.loads(data) if data else None


def login(email, password):
    return call('POST', '/api/v1/auth/login', body={'email': email, 'password': password})['token']


def new_student(i):
    email = f'bench-student-{i:03d}@practicum.test'
    password = secrets.token_urlsafe(16)
    user = call('POST', '/api/v1/auth/register',
                body={'email': email, 'password': password, 'first_name': 'Bench', 'last_name': f'Student {i}'},
                expect=(201,))['user']
    return user['id'], login(email, password)


def sessions_of(i, token, patients, count, admin_token, user_id):
    """Credits for `count` bookings, then `count` sessions booked and started, in order."""
    price = max(p['price_credits'] for p in patients)
    call('POST', f'/api/v1/admin/users/{user_id}/credits', admin_token,
         {'credits': price * count, 'description': 'bench/message-load'}, expect=(201,))
    ids = []
    for k in range(count):
        patient = patients[(i + k) % len(patients)]
        session = call('POST', '/api/v1/sessions', token, {'patient_id': patient['id']}, expect=(201,))
        started = call('POST', f"/api/v1/sessions/{session['id']}/start", token, {})
        if started['status'] != 'in_progress':
            raise SystemExit(f"session {session['id']} did not start: {started}")
        ids.append(session['id'])
    return ids


def main():
    begin = time.monotonic()
    admin_token = login('admin@practicum.test', admin_password)
    patients = call('GET', '/api/v1/patients?limit=100', admin_token)['items']
    if not patients:
        raise SystemExit('the catalog is empty')
    # Argon2 makes sign-up and sign-in slow (~0.1 s each): overlap them; the server bounds the hashes.
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        accounts = list(pool.map(new_student, range(students)))
        per_student = api_sessions + pg_sessions
        sessions = list(pool.map(
            lambda i: sessions_of(i, accounts[i][1], patients, per_student, admin_token, accounts[i][0]),
            range(students)))
    with open(os.path.join(out_dir, 'sessions-api.txt'), 'w') as f:
        for i, (_, token) in enumerate(accounts):
            for session_id in sessions[i][:api_sessions]:
                f.write(f'{i + 1} {token} {session_id}\n')
    with open(os.path.join(out_dir, 'sessions-pg.csv'), 'w') as f:
        for i, (_, token) in enumerate(accounts):
            token_hash = '\\x' + hashlib.sha256(token.encode()).hexdigest()
            for k, session_id in enumerate(sessions[i][api_sessions:]):
                f.write(f'{i},{k},{session_id},{token_hash}\n')
    print(f'{students} students, {students * per_student} sessions started in {time.monotonic() - begin:.1f} s')


main()
