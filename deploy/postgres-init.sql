-- Run once by the postgres image on an empty volume: one database per implementation.
CREATE DATABASE todo_flask;
CREATE DATABASE todo_django;
CREATE DATABASE todo_pyramid;
CREATE DATABASE todo_tornado;
